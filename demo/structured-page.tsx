// Structured output: the chat generator asks for a JSON schema (here from zod), and the reply comes
// back validated, as a typed value on `reply.meta.parsed`. Cloud models only: the local models do not
// constrain their output to a schema.
import { useRef, useState, type ReactNode } from 'react';
import { AbortError, ChatMessage, type ChatGenerator } from 'hayloft';
import { z } from 'zod';
import source from './structured-page.tsx?raw';
import { PageCode } from './page-code.js';

const contact = z.object({
  name: z.string().describe('The person’s full name'),
  email: z.string().nullable().describe('Their e-mail address, if given'),
  company: z.string().nullable(),
  topics: z.array(z.string()).describe('What they want to talk about'),
});
type Contact = z.infer<typeof contact>;

const sample =
  'Hi, this is Grace Hopper from Remington Rand. Could we talk about compilers and about debugging next week? Write to grace@example.com.';

type Result = { state: 'idle' } | { state: 'running' } | { state: 'done'; value: Contact } | { state: 'error'; message: string };

/** Extracts a contact card from free text with `response_format: zodSchema`. */
export function StructuredPage({ generator, local }: { generator: ChatGenerator; local: boolean }): ReactNode {
  const [text, setText] = useState(sample);
  const [result, setResult] = useState<Result>({ state: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);

  const extract = async () => {
    controller.current = new AbortController();
    setResult({ state: 'running' });
    try {
      const { replies } = await generator.run([ChatMessage.fromSystem('Extract the contact from the message.'), ChatMessage.fromUser(text)], {
        generationKwargs: { response_format: contact },
        signal: controller.current.signal,
      });
      setResult({ state: 'done', value: replies[0]?.meta.parsed as Contact });
    } catch (error) {
      setResult(AbortError.isInstance(error) ? { state: 'idle' } : { state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <section className="demo-page" aria-label="Structured output">
      <div className="demo-page-body">
        <h2>Structured output</h2>
        <p>
          The reply follows a JSON schema made from a zod object, and arrives validated on <code>reply.meta.parsed</code>.
        </p>
        {local && (
          <p className="images-note" role="note">
            Pick a cloud model in the Model list: models running in the browser do not follow a schema.
          </p>
        )}
        <label className="structured-input">
          Message
          <textarea rows={3} value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <div>
          {result.state === 'running' ? (
            <button key="stop" type="button" className="demo-secondary" onClick={() => controller.current?.abort()}>
              Stop
            </button>
          ) : (
            <button key="extract" type="button" disabled={local || text.trim() === ''} onClick={() => void extract()}>
              Extract contact
            </button>
          )}
        </div>
        {result.state === 'done' && (
          <dl className="structured-result" aria-label="Contact">
            <dt>Name</dt>
            <dd>{result.value.name}</dd>
            <dt>E-mail</dt>
            <dd>{result.value.email ?? '—'}</dd>
            <dt>Company</dt>
            <dd>{result.value.company ?? '—'}</dd>
            <dt>Topics</dt>
            <dd>{result.value.topics.join(', ')}</dd>
          </dl>
        )}
        {result.state === 'error' && (
          <p role="alert" className="structured-error">
            {result.message}
          </p>
        )}
        <PageCode file="demo/structured-page.tsx" source={source} />
      </div>
    </section>
  );
}
