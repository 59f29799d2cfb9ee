/**
 * The payloads a message carries, per type: as a sender gives them (`send`) and as the server
 * stores them (what a merged message holds). Unknown fields are dropped, so nothing is stored that
 * no rule looked at.
 */
import * as v from 'valibot';
import { TYPES } from '../constants';
import { MAX_AT_USERS, MAX_FILE_BYTES, USER_ID_PATTERN } from '../limits';
import { fields, finiteNumber, text, wholeNumber } from './common';

/** A string of the message body: its length is the 12 KB body rule's to judge (80002, checkBodySize), after the schema. */
export const bodyText = v.string('a string');
const INT32 = 2 ** 31 - 1;
const DAY_SECONDS = 86_400;
/** Seconds of audio or video, rounded to whole seconds. */
const seconds = v.pipe(
  finiteNumber(0, DAY_SECONDS),
  v.transform((value) => Math.round(value)),
);
const fileKey = text(256);
const url = text(2048);
const fileSize = wholeNumber(0, MAX_FILE_BYTES);
const pixels = wholeNumber(0, 100_000);

/** A text-at message's members: 1 to 30 userIDs or TYPES.MSG_AT_ALL, each named once. */
export const atUserList = v.pipe(
  v.array(
    v.pipe(
      v.string('a userID or TYPES.MSG_AT_ALL'),
      v.check((id) => id === TYPES.MSG_AT_ALL || USER_ID_PATTERN.test(id), 'a userID or TYPES.MSG_AT_ALL'),
    ),
    `an array of 1 to ${MAX_AT_USERS} userIDs or TYPES.MSG_AT_ALL`,
  ),
  v.minLength(1, `an array of 1 to ${MAX_AT_USERS} userIDs or TYPES.MSG_AT_ALL`),
  v.maxLength(MAX_AT_USERS, `an array of 1 to ${MAX_AT_USERS} userIDs or TYPES.MSG_AT_ALL`),
  v.transform((ids) => [...new Set(ids)]),
);

export const textPayload = fields({ text: bodyText, atUserList: v.optional(atUserList) });

export const customPayload = fields({
  data: v.optional(bodyText, ''),
  description: v.optional(bodyText, ''),
  extension: v.optional(bodyText, ''),
});

export const facePayload = fields({
  index: v.pipe(
    v.number("a whole number (the face's index in your face set)"),
    v.safeInteger("a whole number (the face's index in your face set)"),
    v.minValue(-INT32, `a whole number from -${INT32} to ${INT32}`),
    v.maxValue(INT32, `a whole number from -${INT32} to ${INT32}`),
  ),
  data: v.optional(bodyText, ''),
});

export const locationPayload = fields({
  description: v.optional(bodyText, ''),
  longitude: finiteNumber(-180, 180),
  latitude: finiteNumber(-90, 90),
});

/** What a sender gives for a file message: the upload's key; the server fills in the rest from its own records. */
export const uploadedPayloads = {
  [TYPES.MSG_IMAGE]: fields({ uuid: fileKey }),
  [TYPES.MSG_FILE]: fields({ uuid: fileKey }),
  [TYPES.MSG_AUDIO]: fields({ uuid: fileKey, second: v.optional(seconds, 0) }),
  [TYPES.MSG_VIDEO]: fields({
    videoUUID: fileKey,
    videoSecond: v.optional(seconds, 0),
    thumbUUID: v.optional(fileKey, ''),
  }),
};

const imageInfo = fields({
  type: wholeNumber(0, 3),
  url,
  width: pixels,
  height: pixels,
  size: fileSize,
});

/** A file message as the server completed it (resolveFilePayload): what a merged copy of one may hold. */
export const storedFilePayloads = {
  [TYPES.MSG_IMAGE]: fields({
    uuid: v.optional(fileKey),
    imageFormat: v.optional(wholeNumber(0, 255)),
    imageInfoArray: v.optional(v.pipe(v.array(imageInfo, 'an array of images'), v.maxLength(4, 'at most 4 images'))),
  }),
  [TYPES.MSG_AUDIO]: fields({
    uuid: v.optional(fileKey),
    url: v.optional(url),
    second: v.optional(seconds),
    size: v.optional(fileSize),
    downloadFlag: v.optional(wholeNumber(0, 2)),
  }),
  [TYPES.MSG_FILE]: fields({
    uuid: v.optional(fileKey),
    fileName: v.optional(text(1024)),
    fileSize: v.optional(fileSize),
    fileUrl: v.optional(url),
    downloadFlag: v.optional(wholeNumber(0, 2)),
  }),
  [TYPES.MSG_VIDEO]: fields({
    videoUUID: v.optional(fileKey),
    videoUrl: v.optional(url),
    videoSecond: v.optional(seconds),
    videoSize: v.optional(fileSize),
    videoFormat: v.optional(text(16)),
    thumbUUID: v.optional(fileKey),
    thumbUrl: v.optional(url),
    thumbWidth: v.optional(pixels),
    thumbHeight: v.optional(pixels),
    thumbSize: v.optional(fileSize),
  }),
};
