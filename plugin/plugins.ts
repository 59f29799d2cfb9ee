import { isPlainObject } from '../protocol/fields';

/** What Tidings does with each plugin an app registers for TencentCloudChat: every one is already covered. */
const KNOWN_PLUGINS: Readonly<Record<string, string>> = Object.freeze({
  'tim-upload-plugin': 'uploads are built in; the plugin is not needed',
  'cos-wx-sdk': 'uploads are built in; the COS SDK is not needed',
  'cos-js-sdk': 'uploads are built in; the COS SDK is not needed',
  'tim-profanity-filter-plugin':
    "text is checked by the server's moderation (moderationWords in tidings.config.json, or a moderate hook)",
  'tim-push': "offline push goes through the server's push hook (pushWebhookURL in tidings.config.json)",
  'tim-wx-push': "offline push goes through the server's push hook (pushWebhookURL in tidings.config.json)",
});

interface PluginLog {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
}

/**
 * `chat.registerPlugin({ 'tim-upload-plugin': TIMUploadPlugin })`: accepted for compatibility. A
 * known plugin is covered already (one info line says how); an unknown one is ignored with a warning.
 * Never throws: this call sits right after `create()` in every migrating app.
 */
export function registerPlugins(plugins: unknown, log: PluginLog): void {
  if (!isPlainObject(plugins)) {
    log.warn('registerPlugin expects an object such as { "tim-upload-plugin": TIMUploadPlugin }; ignored.');
    return;
  }
  for (const name of Object.keys(plugins)) {
    const covered = Object.prototype.hasOwnProperty.call(KNOWN_PLUGINS, name) ? KNOWN_PLUGINS[name] : undefined;
    if (covered) log.info(`registerPlugin: ${name} accepted; ${covered}.`);
    else log.warn(`registerPlugin: ${name} is not a plugin Tidings knows; ignored.`);
  }
}
