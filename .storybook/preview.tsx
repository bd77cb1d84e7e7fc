import type { Preview } from '@storybook/react-vite';
import '../src/components/styles.css';

const preview: Preview = {
  // `ref` is in every primitive's props but is no control.
  parameters: { layout: 'fullscreen', controls: { exclude: ['ref'] } },
  decorators: [
    // A full-screen story (a whole <Chat>) fills the window; on a docs page, where several stories
    // sit one under the other, it gets a fixed height instead. Primitives ("padded") keep their size.
    (Story, { parameters, viewMode }) =>
      parameters.layout === 'fullscreen' ? (
        <div style={{ blockSize: viewMode === 'docs' ? '32rem' : '100vh' }}>
          <Story />
        </div>
      ) : (
        <Story />
      ),
  ],
};

export default preview;
