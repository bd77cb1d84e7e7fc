import { useRegenerateAction, useRetryAction, useSendAction, useStopAction, useEditAction } from './actions.js';
import { createActionButton } from './create-action-button.js';

/** Sends the composer's text and attachments (or the edit). Disabled while a reply runs or nothing is typed. */
export const Send = createActionButton('Send', useSendAction, 'send');
/** Stops the reply being generated; the partial answer stays. */
export const Stop = createActionButton('Stop', useStopAction, 'stop');
/** Answers the last question again, as a new branch. */
export const Regenerate = createActionButton('Regenerate', useRegenerateAction, 'regenerate');
/** Retries after an error. */
export const Retry = createActionButton('Retry', useRetryAction, 'retry');
/** Puts a user message into the composer to edit it. */
export const Edit = createActionButton('Edit', useEditAction, 'edit');
