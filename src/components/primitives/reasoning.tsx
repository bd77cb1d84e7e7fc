import type { DetailsHTMLAttributes, ReactNode } from 'react';
import type { ReasoningContent } from '../../core/index.js';
import { useLabels } from '../labels.js';

/** Props of `ChatPrimitive.Reasoning`. */
export interface ReasoningProps extends DetailsHTMLAttributes<HTMLDetailsElement> {
  reasoning: ReasoningContent;
  /** Open while the model is still thinking. */
  streaming?: boolean;
}

/** A model's reasoning, collapsed by default (a native `<details>`: keyboard and screen readers for free). */
export function Reasoning({ reasoning, streaming = false, ...props }: ReasoningProps): ReactNode {
  const labels = useLabels();
  return (
    <details data-state={streaming ? 'streaming' : 'complete'} {...props}>
      <summary>{labels.reasoning}</summary>
      <p className="hayloft-reasoning-text">{reasoning.reasoningText}</p>
    </details>
  );
}
