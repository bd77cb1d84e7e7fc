// A Haystack pipeline from YAML, in the browser: load it, see its graph, fill in the template's
// variables and run it, the answer streaming in. The YAML's chat generator is the model picked at
// the top of the page.
import { useMemo, useState, type ReactNode } from 'react';
import { AbortError, AzureOpenAIChatGenerator, ChatMessage, OpenAIChatGenerator, isLoadableModel, type ChatGenerator, type ComponentDict, type HayloftError } from 'hayloft';
import { ChatPrimitive, Markdown } from 'hayloft/components';
import { HuggingFaceLocalChatGenerator } from 'hayloft/local';
import {
  ChatPromptBuilder,
  Pipeline,
  PromptBuilder,
  componentClassFor,
  dumpsPipeline,
  loadsPipeline,
  registerComponentClasses,
  type PipelineComponent,
  type PipelineComponentClass,
} from 'hayloft/pipeline';
import { usePipeline } from 'hayloft/react';
import source from './pipeline-page.tsx?raw';
import { PageCode } from './page-code.js';

// The generators this page can load from YAML besides the pipeline's own components.
registerComponentClasses(OpenAIChatGenerator, AzureOpenAIChatGenerator, HuggingFaceLocalChatGenerator);

type PageGenerator = ChatGenerator & PipelineComponent;

/** The YAML the page starts with: a prompt builder feeding the page's generator, as Haystack writes it. */
const starterYaml = (generator: PageGenerator): string => {
  const pipeline = new Pipeline()
    .addComponent(
      'prompt_builder',
      new ChatPromptBuilder({
        // A Jinja string of message blocks, as Haystack takes it: one readable block in the YAML.
        template: [
          '{% message role="system" %}',
          'You answer in two sentences.',
          '{% endmessage %}',
          '{% message role="user" %}',
          'Explain {{ topic }} to {{ audience }}.',
          '{% endmessage %}',
        ].join('\n'),
      }),
    )
    .addComponent('llm', generator);
  pipeline.connect('prompt_builder.prompt', 'llm.messages');
  return dumpsPipeline(pipeline);
};

// The same JSON whatever the key order (YAML from Haystack sorts keys; toDict does not).
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );

/**
 * Loads the YAML's chat generator as the page's own instance when the YAML describes it unchanged: a
 * local model stays loaded and keeps where its files come from, a cloud one keeps the proxy. An edited
 * one is built from the YAML by its registered class.
 */
const pageGeneratorClass = (generator: PageGenerator): PipelineComponentClass => {
  const own: ComponentDict = generator.toDict();
  return {
    typeNames: [own.type],
    fromDict: (dict) => (canonical(dict) === canonical(own) ? generator : componentClassFor(dict.type).fromDict(dict)),
  };
};

/** The variables each prompt builder takes from the caller (those no connection fills). */
const variablesOf = (pipeline: Pipeline): Array<{ component: string; variable: string }> =>
  [...pipeline.components].flatMap(([name, component]) =>
    component instanceof ChatPromptBuilder || component instanceof PromptBuilder
      ? component.variables
          .filter((variable) => !pipeline.connections.some((edge) => edge.receiver === name && edge.receiverSocket === variable))
          .map((variable) => ({ component: name, variable }))
      : [],
  );

/** The text of the first reply any component put out, or null. */
const replyText = (outputs: Record<string, Record<string, unknown>> | undefined): string | null => {
  for (const produced of Object.values(outputs ?? {})) {
    const [first] = Array.isArray(produced.replies) ? (produced.replies as unknown[]) : [];
    if (first instanceof ChatMessage) return first.text ?? '';
  }
  return null;
};

/** A failed run in words; a stop is not a failure, and what streamed stays above it. */
const errorText = (error: HayloftError): string => {
  const { message } = error;
  return AbortError.isInstance(error) ? 'Stopped; what arrived stays above.' : message;
};

/** The graph: components with their Haystack class, connections, and the Mermaid text. */
function Graph({ pipeline }: { pipeline: Pipeline }): ReactNode {
  return (
    <div className="pipeline-graph" role="group" aria-label="Graph">
      <div>
        <h3>Components</h3>
        <ul className="pipeline-components">
          {[...pipeline.components].map(([name, component]) => (
            <li key={name}>
              <strong>{name}</strong> <span className="pipeline-type">{component.toDict().type.split('.').at(-1)}</span>
            </li>
          ))}
        </ul>
        <h3>Connections</h3>
        <ul className="pipeline-connections">
          {pipeline.connections.map((edge) => (
            <li key={`${edge.sender}.${edge.senderSocket}>${edge.receiver}.${edge.receiverSocket}`}>
              {edge.sender}.{edge.senderSocket} → {edge.receiver}.{edge.receiverSocket}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3>Mermaid</h3>
        <pre className="pipeline-mermaid">{pipeline.draw()}</pre>
      </div>
    </div>
  );
}

/** Inputs for the variables, Run and Stop, and the answer as it streams. */
function Runner({ pipeline }: { pipeline: Pipeline }): ReactNode {
  const variables = useMemo(() => variablesOf(pipeline), [pipeline]);
  const [values, setValues] = useState<Record<string, string>>({ 'prompt_builder.topic': 'BM25', 'prompt_builder.audience': 'a farmer' });
  const run = usePipeline(pipeline);
  const models = [...pipeline.components.values()].flatMap((component) => (isLoadableModel(component) ? [component] : []));
  const start = () => {
    // Inputs by component, so two builders may share a variable name.
    const inputs: Record<string, Record<string, string>> = {};
    for (const { component, variable } of variables) (inputs[component] ??= {})[variable] = values[`${component}.${variable}`] ?? '';
    void run.run(inputs).catch(() => undefined);
  };
  const answer = replyText(run.data) ?? run.streaming.text;
  return (
    <>
      {models.map((model) => (
        <ChatPrimitive.Progress key={model.model} className="pipeline-progress" model={model} />
      ))}
      <form
        className="pipeline-inputs"
        onSubmit={(event) => {
          event.preventDefault();
          start();
        }}
      >
        {variables.map(({ component, variable }) => (
          <label key={`${component}.${variable}`}>
            <span>
              {component}.{variable}
            </span>
            <input value={values[`${component}.${variable}`] ?? ''} onChange={(event) => setValues({ ...values, [`${component}.${variable}`]: event.target.value })} />
          </label>
        ))}
        <div className="demo-actions">
          <button type="submit" disabled={run.status === 'pending'}>
            Run
          </button>
          {run.status === 'pending' && (
            <button type="button" onClick={run.abort}>
              Stop
            </button>
          )}
        </div>
      </form>
      <div className="pipeline-answer" data-status={run.status} aria-live="polite" aria-label="Answer">
        {answer === '' && run.status === 'idle' ? <p className="pipeline-muted">Run the pipeline to see its answer here.</p> : <Markdown text={answer} />}
        {run.error && <p role="alert">{errorText(run.error)}</p>}
      </div>
    </>
  );
}

/** The Pipeline page: YAML in, graph and a streamed answer out. */
export function PipelinePage({ generator }: { generator: PageGenerator }): ReactNode {
  const starter = useMemo(() => starterYaml(generator), [generator]);
  const [yaml, setYaml] = useState(starter);
  // A new model at the top replaces the YAML only while the user has not edited it.
  const [shownStarter, setShownStarter] = useState(starter);
  if (shownStarter !== starter) {
    setShownStarter(starter);
    if (yaml === shownStarter) setYaml(starter);
  }
  const [loaded, setLoaded] = useState<{ pipeline: Pipeline; id: number } | { error: string } | null>(null);
  const [loads, setLoads] = useState(0);
  const load = () => {
    try {
      const pipeline = loadsPipeline(yaml, { components: [pageGeneratorClass(generator)] });
      // A new id per load: the runner below starts fresh, its stream and answer cleared.
      setLoaded({ pipeline, id: loads + 1 });
      setLoads(loads + 1);
    } catch (error) {
      setLoaded({ error: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <section className="demo-page" aria-label="Pipeline">
      <div className="demo-page-body">
        <h2>Pipeline</h2>
        <p className="demo-intro">
          Haystack&rsquo;s YAML, loaded and run in this page. <code>llm</code> is the model picked above; edit the YAML and Load it again.
        </p>
        <label className="pipeline-yaml">
          <span>Haystack YAML</span>
          <textarea value={yaml} onChange={(event) => setYaml(event.target.value)} spellCheck={false} rows={14} wrap="off" />
        </label>
        <div className="demo-actions">
          <button type="button" onClick={load}>
            Load
          </button>
          <button type="button" className="demo-secondary" onClick={() => setYaml(starter)} disabled={yaml === starter}>
            Reset YAML
          </button>
        </div>
        {loaded && 'error' in loaded && (
          <p className="pipeline-error" role="alert">
            {loaded.error}
          </p>
        )}
        {loaded && 'pipeline' in loaded && (
          <>
            <Graph pipeline={loaded.pipeline} />
            <Runner key={loaded.id} pipeline={loaded.pipeline} />
          </>
        )}
        <PageCode file="demo/pipeline-page.tsx" source={source} />
      </div>
    </section>
  );
}
