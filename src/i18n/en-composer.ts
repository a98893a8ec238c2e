/**
 * The English strings of the comment form, kept with it: it comes from a file of its own once the first comments are
 * drawn, rather than in the main module. Other locales carry these keys in their one table.
 */
export const enComposer = {
  cancel: 'Cancel',
  nameLabel: 'Name',
  bodyLabel: 'Comment',
  submit: 'Post comment',
  submitReply: 'Post reply',
  saving: 'Posting…',
  saveEdit: 'Save',
  write: 'Write',
  preview: 'Preview',
  nothingToPreview: 'Nothing to preview yet.',
  formatHint: '**bold**, *italic*, `code`, [link](https://…), > quote, - list',
};
