import type { StorybookConfig } from '@storybook/react-vite';
import { hayloftAliases } from '../scripts/hayloft-aliases.js';

/**
 * Storybook 10 on Vite: one story per component state (stories/), importing hayloft from src/.
 * `@storybook/addon-docs` makes the docs page of every CSF file tagged `autodocs` (controls are built in).
 */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) => ({ ...vite, resolve: { ...vite.resolve, alias: [...hayloftAliases] } }),
};

export default config;
