import { Marked } from 'marked';
import { markedTerminal } from 'marked-terminal';

/**
 * Quiz text is markdown (code spans, bold, lists, fenced code), as the site renders it.
 * In the terminal it is rendered with marked-terminal, so a learner reads `code` and
 * **bold** as styles, not as the characters that mark them. marked stays on 12:
 * marked-terminal leaves list items unformatted with marked 13 and later
 * (mikaelbr/marked-terminal#304).
 */
const width = Math.min(process.stdout.columns || 88, 100);
const markdown = new Marked(markedTerminal({ reflowText: true, width, tab: 2 }) as Parameters<Marked['use']>[0]);

/** A block of markdown for the terminal, indented by `indent`, without trailing blank lines. */
export function terminalMarkdown(text: string, indent = ''): string {
  const rendered = (markdown.parse(text.trim(), { async: false }) as string).replace(/\s+$/, '');
  return rendered.replace(/^/gm, indent);
}

/** One line of markdown (an option's text), styled inline. */
export function terminalInline(text: string): string {
  return terminalMarkdown(text).replace(/\n+/g, ' ');
}
