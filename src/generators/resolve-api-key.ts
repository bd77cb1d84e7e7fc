import type { Secret } from '../core/index.js';
import { ConfigError } from '../core/index.js';
import { isBrowserLike } from '../core/runtime.js';

/** What {@link resolveApiKey} needs to decide whether a request may go out without a key. */
export interface ApiKeyContext {
  /** The generator, for messages (`OpenAIChatGenerator`). */
  generator: string;
  /** The key (a token or env-var secret); undefined means none configured. */
  secret: Secret | undefined;
  /** Where requests go. */
  baseUrl: string;
  /** The provider's own hosts, which always need a key (`api.openai.com`, ...). */
  providerHosts: readonly string[];
  /** The explicit opt-in for sending a real key from a browser. */
  dangerouslyAllowBrowserKey: boolean;
}

const isProviderHost = (baseUrl: string, hosts: readonly string[]): boolean => {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return false;
  }
  return hosts.some((candidate) => host === candidate || (candidate.startsWith('.') && host.endsWith(candidate)));
};

/**
 * The key to send, or undefined for a request without a credential (to hayloft's proxy, which adds it,
 * or to a self-hosted server that needs none).
 *
 * In a browser an env-var secret resolves to nothing, and a token secret is refused unless the caller
 * opted in with `dangerouslyAllowBrowserKey`. A request to the provider's own host without a key fails
 * here, before any network call, with a message that says what to do.
 */
export const resolveApiKey = (context: ApiKeyContext): string | undefined => {
  const { secret, generator } = context;
  const toProvider = isProviderHost(context.baseUrl, context.providerHosts);
  const inBrowser = isBrowserLike();

  if (inBrowser && secret?.type === 'token' && !context.dangerouslyAllowBrowserKey) {
    throw new ConfigError(
      `${generator} was given an API key in a browser, where every visitor could read it. ` +
        "Point the generator's base URL at hayloft's proxy (it adds the key on the server), " +
        'or, for a local experiment only, pass dangerouslyAllowBrowserKey: true.',
    );
  }

  const key = secret ? tryResolve(secret) : undefined;
  if (key === undefined && toProvider) {
    const variables = secret?.type === 'env_var' ? (secret.toDict().env_vars ?? []).join(' or ') : 'the API key variable';
    throw new ConfigError(
      inBrowser
        ? `${generator} has no API key in the browser, and it should not have one. ` +
            "Point its base URL at hayloft's proxy, which holds the key on the server."
        : `${generator} has no API key. Set ${variables} on the server, pass apiKey: Secret.fromToken(...), ` +
            "or point the generator's base URL at hayloft's proxy.",
    );
  }
  return key;
};

const tryResolve = (secret: Secret): string | undefined => {
  try {
    return secret.resolve();
  } catch {
    return undefined;
  }
};
