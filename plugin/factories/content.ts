import { TYPES } from '../../protocol/constants';
import { Message } from '../message';
import { describe, invalid, optionalString, own, requireObject } from '../../protocol/fields';
import { commonFields, type CommonMessageOptions, type FactoryContext } from './common';

export interface CustomMessageOptions extends CommonMessageOptions {
  payload: { data?: string; description?: string; extension?: string };
}

export interface FaceMessageOptions extends CommonMessageOptions {
  payload: { index: number; data?: string };
}

export interface LocationMessageOptions extends CommonMessageOptions {
  payload: { description?: string; longitude: number; latitude: number };
}

export function createCustomMessage(options: CustomMessageOptions, context: FactoryContext): Message {
  const fields = requireObject(options, 'createCustomMessage options');
  const payload = requireObject(own(fields, 'payload'), 'payload');
  return new Message({
    ...commonFields(fields, context),
    type: TYPES.MSG_CUSTOM,
    payload: {
      data: optionalString(payload, 'data', 'payload.data', ''),
      description: optionalString(payload, 'description', 'payload.description', ''),
      extension: optionalString(payload, 'extension', 'payload.extension', ''),
    },
  });
}

export function createFaceMessage(options: FaceMessageOptions, context: FactoryContext): Message {
  const fields = requireObject(options, 'createFaceMessage options');
  const payload = requireObject(own(fields, 'payload'), 'payload');
  const index = own(payload, 'index');
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || Math.abs(index) > 2 ** 31 - 1) {
    throw invalid(`payload.index must be a whole number (the face's index in your face set), got ${describe(index)}.`);
  }
  return new Message({ ...commonFields(fields, context), type: TYPES.MSG_FACE, payload: { index, data: optionalString(payload, 'data', 'payload.data', '') } });
}

function coordinate(payload: Record<string, unknown>, name: 'longitude' | 'latitude', limit: number): number {
  const value = own(payload, name);
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw invalid(`payload.${name} must be a number from -${limit} to ${limit}, got ${describe(value)}.`);
  }
  return value;
}

export function createLocationMessage(options: LocationMessageOptions, context: FactoryContext): Message {
  const fields = requireObject(options, 'createLocationMessage options');
  const payload = requireObject(own(fields, 'payload'), 'payload');
  return new Message({
    ...commonFields(fields, context),
    type: TYPES.MSG_LOCATION,
    payload: {
      description: optionalString(payload, 'description', 'payload.description', ''),
      longitude: coordinate(payload, 'longitude', 180),
      latitude: coordinate(payload, 'latitude', 90),
    },
  });
}
