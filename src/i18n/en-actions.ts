/**
 * The English strings of the reader actions (sorting, load more, reactions, links, edit, delete), kept with them:
 * they load beside the first page of comments rather than in `confab.js`. Other locales carry these keys in their
 * one table.
 */
export const enActions = {
  sortLabel: 'Sort',
  oldest: 'Oldest first',
  newest: 'Newest first',
  top: 'Most upvoted',
  reactionsLabel: 'Reactions',
  reactionCount: '{name}, {n}',
  reactions: {up: 'Upvote', heart: 'Love', laugh: 'Laugh', hooray: 'Hooray', thinking: 'Thinking'},
  linkCopied: 'Link copied.',
  copyLink: 'Copy link',
  report: 'Report',
  reported: 'Reported. Thank you: a moderator will look at it.',
  edit: 'Edit',
  delete: 'Delete',
  keep: 'Keep',
  deleteQuestion: 'Delete this comment?',
  deletedAnnouncement: 'Comment deleted.',
  loadMore: 'Load more comments',
  loadedMore: {one: '{n} more comment loaded.', other: '{n} more comments loaded.'},
  yourComments: 'Your comments',
};
