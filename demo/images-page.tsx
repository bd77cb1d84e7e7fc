// Images from a prompt with DALLEImageGenerator through hayloft's proxy: the page holds no key, the
// proxy adds OpenAI's and allows only the image models on its list.
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { AbortError, DALLEImageGenerator, ProviderError } from 'hayloft';
import { useModels } from 'hayloft/react';
import source from './images-page.tsx?raw';
import { PageCode } from './page-code.js';

const apiBaseUrl = '/api/openai/v1';
// The proxy lists what it allows; these are OpenAI's image models among them.
const isImageModel = (id: string): boolean => /^(dall-e|gpt-image)/.test(id);

type Result =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; images: readonly string[]; revisedPrompt: string }
  | { state: 'stopped' }
  | { state: 'error'; message: string };

/** What went wrong, in words a reader can act on; a 404 is the proxy saying it has no OpenAI key. */
const explain = (error: unknown): string => {
  if (ProviderError.isInstance(error) && error.status === 404) {
    return 'The proxy serves no OpenAI key: set OPENAI_API_KEY (environment or .env) and run npm run demo again.';
  }
  return error instanceof Error ? error.message : String(error);
};

/** base64 (what b64_json returns) becomes a data: URL, so the image needs no request to another host. */
const imageSource = (image: string): string => (/^(https?:|data:)/.test(image) ? image : `data:image/png;base64,${image}`);

/** Why the page cannot generate, or null when it can. */
function Unavailable({ pending, failed, hasImageModel }: { pending: boolean; failed: boolean; hasImageModel: boolean }): ReactNode {
  if (pending) return <p className="images-note">Asking the proxy which OpenAI models it serves…</p>;
  if (failed) {
    return (
      <p className="images-note" role="note">
        Images need OpenAI: set <code>OPENAI_API_KEY</code> (environment or <code>.env</code>) and run <code>npm run demo</code> again. The
        key stays in the proxy; this page never sees it.
      </p>
    );
  }
  if (!hasImageModel) {
    return (
      <p className="images-note" role="note">
        The proxy serves OpenAI but no image model: add one to its list, e.g. <code>OPENAI_MODELS=gpt-4o-mini,dall-e-3</code>.
      </p>
    );
  }
  return null;
}

/** The Images page: a prompt, Generate and Stop, and the images with the prompt the model used. */
export function ImagesPage(): ReactNode {
  const models = useModels(apiBaseUrl);
  const imageModels = (models.data ?? []).map((model) => model.id).filter(isImageModel);
  const [chosen, setChosen] = useState('');
  const model = imageModels.includes(chosen) ? chosen : imageModels[0];
  // b64_json: the image arrives in the answer, so nothing is fetched from OpenAI's storage afterwards.
  const generator = useMemo(
    () => (model ? new DALLEImageGenerator({ apiBaseUrl, model, responseFormat: 'b64_json', maxRetries: 0, timeout: 120 }) : undefined),
    [model],
  );
  const [prompt, setPrompt] = useState('A hayloft at dawn, warm light through the planks');
  const [result, setResult] = useState<Result>({ state: 'idle' });
  const running = useRef<AbortController | null>(null);

  const generate = async () => {
    if (!generator || prompt.trim() === '') return;
    running.current?.abort();
    const abort = new AbortController();
    running.current = abort;
    setResult({ state: 'running' });
    try {
      const { images, revisedPrompt } = await generator.run(prompt, { signal: abort.signal });
      setResult({ state: 'done', images, revisedPrompt });
    } catch (error) {
      setResult(AbortError.isInstance(error) || abort.signal.aborted ? { state: 'stopped' } : { state: 'error', message: explain(error) });
    } finally {
      if (running.current === abort) running.current = null;
    }
  };

  return (
    <section className="demo-page" aria-label="Images">
      <div className="demo-page-body">
        <h2>Images</h2>
        <p className="demo-intro">OpenAI&rsquo;s image models through the proxy, which holds the key and allows only the models on its list.</p>
        <Unavailable pending={models.isPending} failed={models.isError} hasImageModel={imageModels.length > 0} />
        <form
          className="demo-ask"
          onSubmit={(event) => {
            event.preventDefault();
            void generate();
          }}
        >
          <input aria-label="Image prompt" value={prompt} onChange={(event) => setPrompt(event.target.value)} disabled={!generator} />
          {imageModels.length > 1 && (
            <select aria-label="Image model" value={model} onChange={(event) => setChosen(event.target.value)}>
              {imageModels.map((id) => (
                <option key={id}>{id}</option>
              ))}
            </select>
          )}
          {/* Keyed apart: were Stop the same element as Generate, the click that stops would turn it
              back into a submit button before the click's default action, and generate again. */}
          {result.state === 'running' ? (
            <button key="stop" type="button" onClick={() => running.current?.abort()}>
              Stop
            </button>
          ) : (
            <button key="generate" type="submit" disabled={!generator || prompt.trim() === ''}>
              Generate
            </button>
          )}
        </form>
        <div className="images-result" data-state={result.state} aria-live="polite">
          {result.state === 'running' && <p>Generating with {model}… (DALL-E 3 takes a few seconds.)</p>}
          {result.state === 'stopped' && <p>Stopped.</p>}
          {result.state === 'error' && <p role="alert">{result.message}</p>}
          {result.state === 'done' && (
            <>
              {result.images.map((image, index) => (
                <img key={index} className="images-image" src={imageSource(image)} alt={result.revisedPrompt || prompt} />
              ))}
              {result.revisedPrompt !== '' && (
                <p className="images-revised">
                  <strong>Revised prompt:</strong> {result.revisedPrompt}
                </p>
              )}
            </>
          )}
        </div>
        <PageCode file="demo/images-page.tsx" source={source} />
      </div>
    </section>
  );
}
