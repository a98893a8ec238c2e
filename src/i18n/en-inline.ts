/**
 * The English strings of inline comments, kept with them (they load only on pages that use them) rather than in
 * `en.ts`. Other locales carry these keys in their one table.
 */
export const enInline = {
  inlineMarker: {one: '{n} comment on this paragraph', other: '{n} comments on this paragraph'},
  inlineAdd: 'Comment on this paragraph',
  inlineSelection: 'Comment',
  inlineSelectionLabel: 'Comment on the selected passage',
  inlineHeading: 'Comments on this paragraph',
  close: 'Close',
  passageChanged: 'About a passage that has since changed:',
  showInPost: 'Show in the post',
};
