// Generated from components/shared/errors.ts by `npm run build:uni-shared`: edit that file, not this one.
function errorDetail(error) {
  const { code, message } = error != null ? error : {};
  return {
    code: typeof code === "number" ? code : 0,
    message: typeof message === "string" && message !== "" ? message : String(error)
  };
}
function sendFailDetail(message, error) {
  return { message, error: errorDetail(error) };
}
export {
  errorDetail,
  sendFailDetail
};
