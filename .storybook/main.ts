import type { StorybookConfig } from '@storybook/react-vite';
import { hayloftAliases } from '../scripts/hayloft-aliases.js';

/** Storybook 10 on Vite: one story per component state (stories/), importing hayloft from src/. */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.tsx'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) => ({ ...vite, resolve: { ...vite.resolve, alias: [...hayloftAliases] } }),
};

export default config;
