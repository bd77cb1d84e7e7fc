import { useEffect, useState, type ReactNode } from 'react';
import { useLabels } from '../labels.js';

/** Copies text to the clipboard and says so for two seconds. */
export const useCopy = (text: string): { copied: boolean; copy: () => Promise<void> } => {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return {
    copied,
    copy: async () => {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    },
  };
};

/** A button that copies `text`. */
export function CopyText({ text, label }: { text: string; label: string }): ReactNode {
  const labels = useLabels();
  const { copied, copy } = useCopy(text);
  return (
    <button type="button" className="hayloft-icon-button" data-state={copied ? 'copied' : 'idle'} onClick={() => void copy()}>
      {copied ? labels.copied : label}
    </button>
  );
}
