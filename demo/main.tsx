// The demo: <Chat> with a model that runs in the browser (no key, no server), and the cloud models
// hayloft's proxy serves. `npm run demo` starts the proxy and this page behind one origin (Vite
// forwards /api/* to the proxy), so the page holds no key and needs no CORS.
import { useMemo, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { AzureOpenAIChatGenerator, HuggingFaceAPIChatGenerator, OpenAIChatGenerator, Tool } from 'hayloft';
import { Chat } from 'hayloft/components';
import { HuggingFaceLocalChatGenerator, type LocalModelEnv } from 'hayloft/local';
import { HayloftProvider, useModels } from 'hayloft/react';
import 'hayloft/styles.css';
import './demo.css';
import { CustomUiPage } from './custom-ui-page.js';
import { ImagesPage } from './images-page.js';
import source from './main.tsx?raw';
import { PageCode } from './page-code.js';
import { PipelinePage } from './pipeline-page.js';
import { RagPanel } from './rag-panel.js';
import { StructuredPage } from './structured-page.js';

type Page = 'chat' | 'rag' | 'custom' | 'images' | 'pipeline' | 'structured';
const pages: ReadonlyArray<{ id: Page; label: string }> = [
  { id: 'chat', label: 'Chat' },
  { id: 'rag', label: 'RAG' },
  { id: 'custom', label: 'Custom UI' },
  { id: 'images', label: 'Images' },
  { id: 'pipeline', label: 'Pipeline' },
  { id: 'structured', label: 'Structured' },
];

type Provider = 'local' | 'openai' | 'azure' | 'stackit' | 'huggingface' | 'endpoint';
const providers: ReadonlyArray<{ id: Provider; label: string; base: string }> = [
  { id: 'openai', label: 'OpenAI', base: '/api/openai/v1' },
  { id: 'azure', label: 'Azure OpenAI', base: '/api/azure/openai/v1' },
  { id: 'stackit', label: 'STACKIT', base: '/api/stackit/v1' },
  { id: 'huggingface', label: 'Hugging Face', base: '/api/huggingface/v1' },
  // Inference Endpoints and TGI servers named in the proxy's config (HF_ENDPOINTS=name=url,...).
  { id: 'endpoint', label: 'Hugging Face endpoint', base: '/api/huggingface/endpoints' },
];

// Small ONNX chat models that transformers.js runs; downloaded from the Hugging Face hub on first use,
// then cached by the browser. `?localModels=<url>&ort=<url>` serves models and onnxruntime-web's files
// from elsewhere (the end-to-end test points them at 127.0.0.1); `?localModel=<id>` lists only that one.
const params = new URLSearchParams(location.search);
const localModels: ReadonlyArray<{ model: string; label: string; dtype?: string }> = params.get('localModel')
  ? [{ model: params.get('localModel') ?? '', label: params.get('localModel') ?? '' }]
  : [
      { model: 'onnx-community/Qwen2.5-0.5B-Instruct', label: 'Qwen2.5 0.5B Instruct', dtype: 'q4f16' },
      { model: 'HuggingFaceTB/SmolLM2-360M-Instruct', label: 'SmolLM2 360M Instruct', dtype: 'q4f16' },
      { model: 'HuggingFaceTB/SmolLM2-135M-Instruct', label: 'SmolLM2 135M Instruct', dtype: 'q4f16' },
    ];
const localEnv: LocalModelEnv | undefined = params.get('localModels')
  ? {
      remoteHost: new URL(params.get('localModels') ?? '', location.href).href,
      remotePathTemplate: '{model}/',
      ...(params.get('ort') ? { wasmPaths: new URL(params.get('ort') ?? '', location.href).href } : {}),
    }
  : undefined;

type DemoGenerator = OpenAIChatGenerator | AzureOpenAIChatGenerator | HuggingFaceAPIChatGenerator | HuggingFaceLocalChatGenerator;

const generatorFor = (provider: Provider, model: string): DemoGenerator =>
  provider === 'local'
    ? new HuggingFaceLocalChatGenerator(model, { dtype: localModels.find((entry) => entry.model === model)?.dtype, env: localEnv })
    : provider === 'endpoint'
    ? new HuggingFaceAPIChatGenerator({ apiType: 'text_generation_inference', apiParams: { url: `${location.origin}/api/huggingface/endpoints/${model}` }, maxRetries: 0 })
    : provider === 'azure'
    ? new AzureOpenAIChatGenerator({ azureEndpoint: `${location.origin}/api/azure`, azureDeployment: model, maxRetries: 0 })
    : new OpenAIChatGenerator({ apiBaseUrl: providers.find((entry) => entry.id === provider)?.base ?? '', model, maxRetries: 0 });

// Two tools that run in the browser; the chat asks before it runs them.
const tools = [
  new Tool({
    name: 'local_time',
    description: 'The current date and time in the user’s browser, with its time zone.',
    parameters: { type: 'object', properties: {} },
    invoke: () => ({ time: new Date().toString(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
  }),
  new Tool({
    name: 'roll_dice',
    description: 'Rolls dice and returns the results.',
    parameters: { type: 'object', properties: { count: { type: 'integer', minimum: 1, maximum: 10 }, sides: { type: 'integer', minimum: 2, maximum: 100 } }, required: ['count', 'sides'] },
    invoke: ({ count, sides }) => Array.from({ length: Number(count) }, () => 1 + Math.floor(Math.random() * Number(sides))),
  }),
];

function useAvailableModels(): { loading: boolean; cloud: number; options: Array<{ provider: Provider; model: string; label: string }> } {
  // One query per provider; a provider the proxy does not serve answers 404 and lists nothing.
  const openai = useModels('/api/openai/v1');
  const azure = useModels('/api/azure/openai/v1');
  const stackit = useModels('/api/stackit/v1');
  const huggingface = useModels('/api/huggingface/v1');
  const endpoints = useModels('/api/huggingface/endpoints');
  const lists = [openai, azure, stackit, huggingface, endpoints];
  const loading = lists.some((list) => list.isPending);
  const cloud = providers.flatMap((provider, index) =>
    (lists[index]?.data ?? [])
      // Image models have their own page.
      .filter((model) => !/^(dall-e|gpt-image)/.test(model.id))
      .map((model) => ({ provider: provider.id, model: model.id, label: `${provider.label} · ${model.id}` })),
  );
  const local = localModels.map((entry) => ({ provider: 'local' as const, model: entry.model, label: `In your browser · ${entry.label}` }));
  return { loading, cloud: cloud.length, options: [...local, ...cloud] };
}

function Demo(): ReactNode {
  const { loading, cloud, options } = useAvailableModels();
  const [choice, setChoice] = useState<string>('');
  const [theme, setTheme] = useState<'auto' | 'light' | 'dark'>('auto');
  const [page, setPage] = useState<Page>('chat');
  const selected = options.find((option) => `${option.provider}/${option.model}` === choice) ?? options[0];
  const generator = useMemo(() => (selected ? generatorFor(selected.provider, selected.model) : undefined), [selected?.provider, selected?.model]);
  return (
    <div className="demo" data-theme={theme === 'auto' ? undefined : theme}>
      <header className="demo-bar">
        <h1>hayloft</h1>
        <label>
          Model
          <select value={selected ? `${selected.provider}/${selected.model}` : ''} onChange={(event) => setChoice(event.target.value)} disabled={options.length === 0}>
            {options.map((option) => (
              <option key={`${option.provider}/${option.model}`} value={`${option.provider}/${option.model}`}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <nav aria-label="Pages" className="demo-pages">
          {pages.map((entry) => (
            <button key={entry.id} type="button" aria-current={page === entry.id ? 'page' : undefined} onClick={() => setPage(entry.id)}>
              {entry.label}
            </button>
          ))}
        </nav>
        <label>
          Theme
          <select value={theme} onChange={(event) => setTheme(event.target.value as typeof theme)}>
            <option value="auto">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </header>
      {!loading && cloud === 0 && (
        <p className="demo-hint" role="note">
          Cloud models appear in the list when the proxy has their keys: set <code>OPENAI_API_KEY</code>, <code>AZURE_OPENAI_API_KEY</code> with{' '}
          <code>AZURE_OPENAI_ENDPOINT</code>, <code>STACKIT_API_KEY</code> or <code>HF_TOKEN</code> (environment or <code>.env</code>), or an
          OpenAI-compatible server such as vLLM or Ollama (<code>OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_API_KEY=none OPENAI_MODELS=llama3.2</code>),
          and run <code>npm run demo</code> again. The browser never sees a key.
        </p>
      )}
      {page === 'images' ? (
        <ImagesPage />
      ) : generator && page === 'rag' ? (
        <RagPanel generator={generator} />
      ) : generator && page === 'custom' ? (
        <CustomUiPage generator={generator} />
      ) : generator && page === 'pipeline' ? (
        <PipelinePage generator={generator} />
      ) : generator && page === 'structured' ? (
        <StructuredPage generator={generator} local={selected?.provider === 'local'} />
      ) : generator ? (
        <div className="demo-chat">
          <Chat
            key={`${selected?.provider}/${selected?.model}`}
            generator={generator}
            theme={theme}
            threads
            tools={tools}
            requireToolApproval
            persist={{ key: 'hayloft-demo' }}
            welcome={
              selected?.provider === 'local'
                ? 'This model runs in your browser: downloaded once, then cached; nothing you type leaves the page.'
                : 'Ask anything. Try a tool: “Roll three dice”.'
            }
            suggestions={['What is BM25?', 'Roll three twenty-sided dice', 'What time is it here?']}
          />
          <PageCode file="demo/main.tsx" source={source} />
        </div>
      ) : null}
    </div>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(
  <HayloftProvider>
    <Demo />
  </HayloftProvider>,
);
