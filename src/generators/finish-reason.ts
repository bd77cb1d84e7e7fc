import type { FinishReason } from '../core/index.js';

/**
 * Maps a provider's finish reason to Haystack's vocabulary. OpenAI's own values pass through;
 * TGI's `eos_token` and `stop_sequence` mean `stop` (Haystack's HuggingFaceAPIChatGenerator mapping);
 * the legacy `function_call` means `tool_calls`. Unknown values become null rather than a guess.
 */
export const mapFinishReason = (raw: string | null | undefined): FinishReason | null => {
  switch (raw) {
    case 'stop':
    case 'eos_token':
    case 'stop_sequence':
    case 'end_turn':
      return 'stop';
    case 'length':
    case 'max_tokens':
      return 'length';
    case 'tool_calls':
    case 'function_call':
    case 'tool_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return null;
  }
};
