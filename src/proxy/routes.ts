import { ProxyError } from './proxy-error.js';
import type { KeySource, ProvidersConfig, ProxyConfig } from './types.js';

/** What a route does. */
export type RouteKind = 'chat' | 'completions' | 'images' | 'models';

/** The upstream target of a matched route, built from config only. */
export interface Target {
  provider: string;
  kind: RouteKind;
  /** Upstream URL (absent for routes the proxy answers itself). */
  url?: string;
  /** Credential headers for the upstream. */
  credentials?: () => Promise<Record<string, string>>;
  /** Which models (or deployments) this route accepts. */
  isAllowedModel: (model: string) => boolean;
  /** The models listed by `GET .../models`. */
  listed: readonly string[];
  /** When the route fixes the model (an Azure deployment path), the model to log and check. */
  fixedModel?: string;
  /** The field set when a request gives no token limit. */
  tokenField: 'max_tokens' | 'max_completion_tokens';
}

/** One row of the route table. */
export interface Route {
  method: 'GET' | 'POST';
  /** Matched against the raw path. */
  pattern: RegExp;
  /** A readable form, for logs and docs. */
  path: string;
  resolve: (match: RegExpExecArray, url: URL, config: ProxyConfig) => Target;
}

const defaults = {
  openai: 'https://api.openai.com/v1',
  stackit: 'https://api.openai-compat.model-serving.eu01.onstackit.cloud/v1',
  huggingface: 'https://router.huggingface.co/v1',
};

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

const resolveKey = async (key: KeySource | undefined, provider: string): Promise<string> => {
  const value = typeof key === 'function' ? await key() : key;
  if (!value) {
    throw new ProxyError(503, 'provider_not_configured', `The proxy has no key for ${provider}.`, { provider });
  }
  return value;
};

const bearer = (key: KeySource | undefined, provider: string) => async () => ({
  authorization: `Bearer ${await resolveKey(key, provider)}`,
});

const allowList = (models: readonly string[] | '*', options: { providerSuffix?: boolean } = {}) => (model: string): boolean => {
  if (models === '*') return true;
  // The Hugging Face router picks a provider with a `model:provider` suffix; the model is what counts.
  const base = options.providerSuffix ? (model.split(':')[0] ?? model) : model;
  return models.includes(base);
};

const listed = (models: readonly string[] | '*'): readonly string[] => (models === '*' ? [] : models);

const notServed = (provider: string): ProxyError =>
  new ProxyError(404, 'provider_not_served', `This proxy does not serve ${provider}.`, { provider });

/** A provider's settings, or a 404 when the proxy does not serve it. */
const served = <K extends keyof ProvidersConfig>(config: ProxyConfig, name: K): NonNullable<ProvidersConfig[K]> => {
  const provider = config.providers[name];
  if (!provider) throw notServed(name);
  return provider;
};
const openai = (config: ProxyConfig) => served(config, 'openai');
const stackit = (config: ProxyConfig) => served(config, 'stackit');
const huggingface = (config: ProxyConfig) => served(config, 'huggingface');
const azure = (config: ProxyConfig) => served(config, 'azure');

const apiVersionPattern = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

const azureApiVersion = (url: URL, config: ProxyConfig, required: boolean): string | undefined => {
  const versions = url.searchParams.getAll('api-version');
  const version = versions[0];
  if (versions.length > 1) throw new ProxyError(400, 'invalid_request', 'Give api-version once.', { provider: 'azure' });
  if (version === undefined) {
    if (required) throw new ProxyError(400, 'invalid_request', 'Azure requests need an api-version query parameter.', { provider: 'azure' });
    return undefined;
  }
  const allowed = azure(config).apiVersions;
  if (allowed ? !allowed.includes(version) : !apiVersionPattern.test(version)) {
    throw new ProxyError(400, 'invalid_request', `The api-version '${version.slice(0, 40)}' is not allowed.`, { provider: 'azure' });
  }
  return version;
};

const azureCredentials = (config: ProxyConfig) => async (): Promise<Record<string, string>> => {
  const settings = azure(config);
  if (settings.adTokenProvider) return { authorization: `Bearer ${await settings.adTokenProvider()}` };
  return { 'api-key': await resolveKey(settings.apiKey, 'azure') };
};

const simple = (
  provider: 'openai' | 'stackit' | 'huggingface',
  kind: RouteKind,
  suffix: string,
  get: (config: ProxyConfig) => { apiKey?: KeySource | undefined; baseUrl?: string | undefined; models: readonly string[] | '*' },
): Route['resolve'] => (_match, _url, config) => {
  const settings = get(config);
  return {
    provider,
    kind,
    url: `${trimSlash(settings.baseUrl ?? defaults[provider])}${suffix}`,
    credentials: bearer(settings.apiKey, provider),
    isAllowedModel: allowList(settings.models, { providerSuffix: provider === 'huggingface' }),
    listed: listed(settings.models),
    tokenField: provider === 'openai' ? 'max_completion_tokens' : 'max_tokens',
  };
};

const name = '([A-Za-z0-9._-]{1,64})';

/** Every provider route the proxy serves (plus `GET /healthz`); anything else is a 404. */
export const routes: readonly Route[] = [
  { method: 'POST', pattern: /^\/openai\/v1\/chat\/completions$/, path: '/openai/v1/chat/completions', resolve: simple('openai', 'chat', '/chat/completions', openai) },
  { method: 'POST', pattern: /^\/openai\/v1\/completions$/, path: '/openai/v1/completions', resolve: simple('openai', 'completions', '/completions', openai) },
  { method: 'POST', pattern: /^\/openai\/v1\/images\/generations$/, path: '/openai/v1/images/generations', resolve: simple('openai', 'images', '/images/generations', openai) },
  { method: 'GET', pattern: /^\/openai\/v1\/models$/, path: '/openai/v1/models', resolve: simple('openai', 'models', '', openai) },
  { method: 'POST', pattern: /^\/stackit\/v1\/chat\/completions$/, path: '/stackit/v1/chat/completions', resolve: simple('stackit', 'chat', '/chat/completions', stackit) },
  { method: 'POST', pattern: /^\/stackit\/v1\/completions$/, path: '/stackit/v1/completions', resolve: simple('stackit', 'completions', '/completions', stackit) },
  { method: 'GET', pattern: /^\/stackit\/v1\/models$/, path: '/stackit/v1/models', resolve: simple('stackit', 'models', '', stackit) },
  { method: 'POST', pattern: /^\/huggingface\/v1\/chat\/completions$/, path: '/huggingface/v1/chat/completions', resolve: simple('huggingface', 'chat', '/chat/completions', huggingface) },
  { method: 'GET', pattern: /^\/huggingface\/v1\/models$/, path: '/huggingface/v1/models', resolve: simple('huggingface', 'models', '', huggingface) },
  {
    // The names of the configured Inference Endpoints / TGI servers (never their URLs), for a model picker.
    method: 'GET',
    pattern: /^\/huggingface\/endpoints\/models$/,
    path: '/huggingface/endpoints/models',
    resolve: (_match, _url, config) => ({
      provider: 'huggingface',
      kind: 'models',
      isAllowedModel: () => false,
      listed: Object.keys(huggingface(config).endpoints ?? {}),
      tokenField: 'max_tokens',
    }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/huggingface/endpoints/${name}/v1/chat/completions$`),
    path: '/huggingface/endpoints/{name}/v1/chat/completions',
    resolve: (match, _url, config) => {
      const settings = huggingface(config);
      const endpointName = match[1] ?? '';
      const endpoint = Object.hasOwn(settings.endpoints ?? {}, endpointName) ? settings.endpoints?.[endpointName] : undefined;
      if (!endpoint) {
        throw new ProxyError(404, 'endpoint_not_found', `No Hugging Face endpoint named '${endpointName}' on this proxy.`, { provider: 'huggingface' });
      }
      const base = trimSlash(endpoint.url);
      return {
        provider: 'huggingface',
        kind: 'chat',
        url: `${base.endsWith('/v1') ? base : `${base}/v1`}/chat/completions`,
        credentials: bearer(endpoint.apiKey ?? settings.apiKey, 'huggingface'),
        // A dedicated endpoint serves one model, whatever name the request gives.
        isAllowedModel: () => true,
        listed: [],
        tokenField: 'max_tokens',
      };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/azure/openai/deployments/${name}/chat/completions$`),
    path: '/azure/openai/deployments/{deployment}/chat/completions',
    resolve: (match, url, config) => {
      const settings = azure(config);
      const deployment = match[1] ?? '';
      const version = azureApiVersion(url, config, true) ?? '';
      if (!allowList(settings.deployments)(deployment)) {
        throw new ProxyError(400, 'model_not_allowed', `The deployment '${deployment}' is not allowed on this proxy.`, { provider: 'azure' });
      }
      return {
        provider: 'azure',
        kind: 'chat',
        url: `${trimSlash(settings.endpoint)}/openai/deployments/${encodeURIComponent(deployment)}/chat/completions?api-version=${encodeURIComponent(version)}`,
        credentials: azureCredentials(config),
        // The path names the deployment; a model in the body is ignored by Azure.
        isAllowedModel: () => true,
        listed: listed(settings.deployments),
        fixedModel: deployment,
        tokenField: 'max_tokens',
      };
    },
  },
  {
    method: 'POST',
    pattern: /^\/azure\/openai\/v1\/chat\/completions$/,
    path: '/azure/openai/v1/chat/completions',
    resolve: (_match, url, config) => {
      const settings = azure(config);
      const version = azureApiVersion(url, config, false);
      return {
        provider: 'azure',
        kind: 'chat',
        url: `${trimSlash(settings.endpoint)}/openai/v1/chat/completions${version ? `?api-version=${encodeURIComponent(version)}` : ''}`,
        credentials: azureCredentials(config),
        isAllowedModel: allowList(settings.deployments),
        listed: listed(settings.deployments),
        tokenField: 'max_tokens',
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/azure\/openai\/v1\/models$/,
    path: '/azure/openai/v1/models',
    resolve: (_match, _url, config) => {
      const settings = azure(config);
      return { provider: 'azure', kind: 'models', isAllowedModel: allowList(settings.deployments), listed: listed(settings.deployments), tokenField: 'max_tokens' };
    },
  },
];

/** The route a method and raw path ask for; a known path with another method is a 405. */
export const matchRoute = (method: string, rawPath: string): { route: Route; match: RegExpExecArray } => {
  let pathKnown = false;
  for (const route of routes) {
    const match = route.pattern.exec(rawPath);
    if (!match) continue;
    pathKnown = true;
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, match };
  }
  if (pathKnown) throw new ProxyError(405, 'method_not_allowed', `${method} is not allowed on this path.`);
  throw new ProxyError(404, 'not_found', 'No such route on this proxy.');
};
