import type { ReactNode } from 'react';
import type { Token, Tokens } from 'marked';
import { CodeBlock } from './code-block.js';
import { renderInline } from './render-inline.js';

/** Block tokens as React elements. */
export const renderBlocks = (tokens: readonly Token[]): ReactNode => tokens.map((token, index) => renderBlock(token, true, index));

/** One block token; `final` is false for the block still being written. */
export const renderBlock = (token: Token, final: boolean, key?: number): ReactNode => {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'hr':
      return <hr key={key} />;
    case 'heading': {
      const heading = token as Tokens.Heading;
      const Tag = `h${Math.min(6, Math.max(1, heading.depth))}` as 'h1';
      return <Tag key={key}>{renderInline(heading.tokens, heading.text)}</Tag>;
    }
    case 'paragraph':
      return <p key={key}>{renderInline((token as Tokens.Paragraph).tokens)}</p>;
    case 'text': {
      const text = token as Tokens.Text;
      return <p key={key}>{renderInline(text.tokens, text.text)}</p>;
    }
    case 'code': {
      const code = token as Tokens.Code;
      return <CodeBlock key={key} code={code.text} lang={code.lang ?? ''} final={final} />;
    }
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks((token as Tokens.Blockquote).tokens)}</blockquote>;
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item, index) => (
        <li key={index} data-task={item.task ? (item.checked ? 'checked' : 'unchecked') : undefined}>
          {item.task && <input type="checkbox" checked={item.checked === true} disabled readOnly />}
          {renderListItem(item)}
        </li>
      ));
      return list.ordered ? (
        <ol key={key} start={typeof list.start === 'number' && list.start !== 1 ? list.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'table': {
      const table = token as Tokens.Table;
      const align = (index: number) => table.align[index] ?? undefined;
      return (
        <div key={key} className="hayloft-table">
          <table>
            <thead>
              <tr>
                {table.header.map((cell, index) => (
                  <th key={index} style={{ textAlign: align(index) }}>
                    {renderInline(cell.tokens, cell.text)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) => (
                    <td key={index} style={{ textAlign: align(index) }}>
                      {renderInline(cell.tokens, cell.text)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    // A model's HTML is shown as text, never rendered.
    case 'html':
      return <p key={key}>{(token as Tokens.HTML).raw}</p>;
    default:
      return 'raw' in token ? <p key={key}>{token.raw}</p> : null;
  }
};

// A tight list item holds text tokens; a loose one holds paragraphs and nested blocks.
const renderListItem = (item: Tokens.ListItem): ReactNode =>
  item.tokens.map((token, index) =>
    token.type === 'text' ? <span key={index}>{renderInline((token as Tokens.Text).tokens, (token as Tokens.Text).text)}</span> : renderBlock(token, true, index),
  );
