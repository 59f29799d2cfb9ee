// A picture uploaded with the SDK's own file upload: the reference API has no bare upload, so the picture goes as
// an image message to oneself, and the server's rendition (imageInfoArray: type 1 large, else the original) is
// the URL.
const TencentCloudChat = require('tidings').default;

async function uploadImage(chat, selfUserID, picked) {
  const message = chat.createImageMessage({
    to: selfUserID,
    conversationType: TencentCloudChat.TYPES.CONV_C2C,
    payload: { file: picked },
  });
  const { data } = await chat.sendMessage(message);
  const infos = data.message.payload.imageInfoArray || [];
  const best = infos.find((info) => info.type === 1) || infos.find((info) => info.type === 0) || infos[0];
  if (!best || !best.url) throw new Error('The picture was uploaded but the server gave no address for it.');
  return best.url;
}

module.exports = { uploadImage };
