/**
 * Confab's own lint rules, for what the field's plugins do not check.
 */

/** A doc comment (`/** ... *\/`) documents what follows it: nothing but the thing itself may come between. */
const noDetachedDocComment = {
  meta: {
    type: 'suggestion',
    docs: {
      description: 'A doc comment must sit right above what it documents (no blank line, no other comment between).',
    },
    messages: {
      detached:
        'This doc comment documents nothing: it is followed by {{what}}. Move it onto what it describes, or make it a plain comment.',
    },
    schema: [],
  },
  create(context) {
    const source = context.sourceCode;
    return {
      Program() {
        const comments = source.getAllComments();
        for (const [i, comment] of comments.entries()) {
          if (comment.type !== 'Block' || !comment.value.startsWith('*') || comment.value.startsWith('**')) continue;
          const next = source.getTokenAfter(comment, {includeComments: true});
          // A file's opening doc comment describes the file.
          if (source.getTokenBefore(comment, {includeComments: true}) === null && i === 0) continue;
          if (!next) {
            context.report({loc: comment.loc, messageId: 'detached', data: {what: 'the end of the file'}});
          } else if (next.type === 'Block' || next.type === 'Line') {
            context.report({loc: comment.loc, messageId: 'detached', data: {what: 'another comment'}});
          } else if (next.loc.start.line - comment.loc.end.line > 1) {
            context.report({loc: comment.loc, messageId: 'detached', data: {what: 'a blank line'}});
          } else if (next.value === '}' || next.value === ')' || next.value === ']') {
            context.report({loc: comment.loc, messageId: 'detached', data: {what: `a closing "${next.value}"`}});
          }
        }
      },
    };
  },
};

export default {rules: {'no-detached-doc-comment': noDetachedDocComment}};
