import { TYPES } from '../../protocol/constants';
import { Message } from '../message';
import { own, requireObject } from '../../protocol/fields';
import { customPayload, facePayload, locationPayload } from '../../protocol/message-rules';
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
    payload: customPayload(payload),
  });
}

export function createFaceMessage(options: FaceMessageOptions, context: FactoryContext): Message {
  const fields = requireObject(options, 'createFaceMessage options');
  const payload = requireObject(own(fields, 'payload'), 'payload');
  return new Message({ ...commonFields(fields, context), type: TYPES.MSG_FACE, payload: facePayload(payload) });
}

export function createLocationMessage(options: LocationMessageOptions, context: FactoryContext): Message {
  const fields = requireObject(options, 'createLocationMessage options');
  const payload = requireObject(own(fields, 'payload'), 'payload');
  return new Message({
    ...commonFields(fields, context),
    type: TYPES.MSG_LOCATION,
    payload: locationPayload(payload),
  });
}
