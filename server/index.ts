/** `tidings/server`: run the chat server in-process, and make userSigs on your backend. */
export { startServer, type ServerOptions, type RunningServer, type AppCredentials } from './server';
export { genUserSig, type UserSigOptions } from './auth/usersig';
