/** Every `create*Message`: each checks its options and returns an unsent Message (file messages also return what to upload). */
export {
  createTextMessage,
  createTextAtMessage,
  commonFields,
  type FactoryContext,
  type TextMessageOptions,
  type TextAtMessageOptions,
  type CommonMessageOptions,
} from './common';
export {
  createCustomMessage,
  createFaceMessage,
  createLocationMessage,
  type CustomMessageOptions,
  type FaceMessageOptions,
  type LocationMessageOptions,
} from './content';
export { createFileBasedMessage, type FileMessageOptions, type PendingFiles, type FileMessageKind } from './files';
export {
  createForwardMessage,
  createMergerMessage,
  type ForwardMessageOptions,
  type MergerMessageOptions,
  type PendingMerger,
} from './merger';
