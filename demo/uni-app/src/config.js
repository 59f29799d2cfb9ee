/**
 * Where the chat server is. On H5 the page comes from the server itself (`npm start` serves both on one
 * port), so it is the page's own origin. A mini-program has no origin: set MINI_PROGRAM_SERVER_URL to your
 * server (WeChat DevTools: tick "do not verify domain names" for http://localhost; real devices need https).
 */
export const MINI_PROGRAM_SERVER_URL = 'http://localhost:8080';

export function serverURL() {
  // #ifdef H5
  return window.location.origin;
  // #endif
  // #ifndef H5
  return MINI_PROGRAM_SERVER_URL;
  // #endif
}

/** Users offered on the login page; any other userID can be typed. */
export const SAMPLE_USERS = ['alice', 'bob', 'carol', 'dave'];
