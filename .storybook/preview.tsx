import type { Preview } from '@storybook/react-vite';
import '../src/components/styles.css';

const preview: Preview = {
  parameters: { layout: 'fullscreen' },
  decorators: [
    (Story) => (
      <div style={{ blockSize: '100vh' }}>
        <Story />
      </div>
    ),
  ],
};

export default preview;
