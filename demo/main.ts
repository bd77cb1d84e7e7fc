import { ChatMessage, HayloftError, OpenAIChatGenerator } from 'hayloft';

// A bare page until the demo issue (#8): one conversation, streamed with OpenAIChatGenerator.
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T; // eslint-disable-line @typescript-eslint/no-unnecessary-type-parameters
const log = $<HTMLElement>('log');
const prompt = $<HTMLTextAreaElement>('prompt');
const send = $<HTMLButtonElement>('send');
const stop = $<HTMLButtonElement>('stop');
const status = $<HTMLElement>('status');
const history: ChatMessage[] = [];
let controller: AbortController | undefined;

const bubble = (role: string, text: string): HTMLElement => {
  const element = document.createElement('div');
  element.className = 'message';
  element.dataset.role = role;
  element.textContent = text;
  log.append(element);
  return element;
};

$<HTMLFormElement>('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = prompt.value.trim();
  if (text === '' || controller) return;
  prompt.value = '';
  history.push(ChatMessage.fromUser(text));
  bubble('user', text);
  const answer = bubble('assistant', '');
  const generator = new OpenAIChatGenerator({
    apiBaseUrl: $<HTMLInputElement>('base-url').value,
    model: $<HTMLInputElement>('model').value,
    maxRetries: 1,
  });
  controller = new AbortController();
  send.disabled = true;
  stop.disabled = false;
  status.textContent = 'Streaming…';
  generator
    .run(history, { signal: controller.signal, streamingCallback: (chunk) => {
        answer.append(chunk.content);
      },
    })
    .then(({ replies }) => {
      const reply = replies[0];
      if (reply) history.push(reply);
      const usage = reply?.meta.usage as { total_tokens?: number } | null | undefined;
      status.textContent = usage?.total_tokens ? `Done · ${usage.total_tokens} tokens` : 'Done';
    })
    .catch((error: unknown) => {
      // Keep what arrived, and say what went wrong.
      const partial = HayloftError.isInstance(error) ? error.replies?.[0] : undefined;
      if (partial?.text) history.push(partial);
      answer.dataset.status = 'error';
      const note = document.createElement('span');
      note.className = 'error';
      note.textContent = error instanceof Error ? error.message : String(error);
      answer.append(note);
      status.textContent = '';
    })
    .finally(() => {
      controller = undefined;
      send.disabled = false;
      stop.disabled = true;
      prompt.focus();
    });
});

stop.addEventListener('click', () => controller?.abort());
prompt.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    $<HTMLFormElement>('composer').requestSubmit();
  }
  if (event.key === 'Escape') controller?.abort();
});
