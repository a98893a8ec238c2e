/**
 * The English strings of the "Your comments" panel, kept with it (it loads when a reader first opens it). Other
 * locales carry these keys in their one table.
 */
export const enMine = {
  yourCommentsNote:
    'What this browser has written on this site. Your comments stay yours: download them, or delete any of them, at any time.',
  download: 'Download',
  deleteAll: 'Delete all',
  deleteAllQuestion: {
    one: 'Delete your comment? This cannot be undone.',
    other: 'Delete all {n} of your comments? This cannot be undone.',
  },
  onPost: 'On {name}',
  allDeleted: 'Your comments were deleted.',
  noComments: 'This browser has no comments of yours.',
  replyFeed: 'Feed of replies to you',
  replyFeedNote: 'Your private feed of replies (keep its address to yourself):',
  stopMail: 'Stop reply emails and forget the addresses given here',
  mailStopped: 'No more reply emails: the addresses given in this browser are forgotten.',
};
