/** The server package (`tidings-server` on npm, `tidings/server` inside this repository): run the chat server in-process, and make userSigs on your backend. */
export { startServer, type ServerOptions, type RunningServer, type AppCredentials, type ServerStats } from './server';
export { DEFAULT_SETTINGS, SETTINGS_FILE, type ServerSettings } from './settings';
export type { ServerHooks, ModerationInput, ModerationVerdict, OfflinePushInput } from './hooks';
export { genUserSig, type UserSigOptions } from './auth/usersig';
