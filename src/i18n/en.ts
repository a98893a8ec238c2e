/**
 * Every string the widget shows, in English: the table every locale translates. `{name}` is a person's name, `{n}` a
 * number (formatted for the locale); a message with `one`/`other` (and, where the language has them, `zero`, `two`,
 * `few`, `many`) forms is chosen by `Intl.PluralRules`.
 */
const table = {
  heading: 'Comments',
  count: {one: '{n} comment', other: '{n} comments'},
  showComments: 'Show comments',
  loading: 'Loading comments…',
  empty: 'Be the first to comment.',
  loadError: 'Comments could not be loaded.',
  retry: 'Retry',
  formError: 'The comment form could not be loaded. Reload the page to write a comment.',
  reply: 'Reply',
  replyTo: 'Reply to {name}',
  postAuthor: 'Author',
  pinned: 'Pinned',
  closed: 'Comments are closed.',
  replyAsAuthor: 'Reply as Author',
  you: 'You',
  pending: 'Awaiting approval',
  edited: 'edited',
  deleted: 'Comment deleted',
  saved: 'Your edit was saved.',
  moreReplies: {one: 'Show {n} more reply', other: 'Show {n} more replies'},
  namePlaceholder: 'Anonymous',
  leaveComment: 'Leave a comment',
  posted: 'Your comment was posted.',
  newReplies: {one: '{n} new reply to you', other: '{n} new replies to you'},
  newBadge: 'New',
  feed: 'Comments feed',
  newComment: 'New comment from {name}.',
  fallbackNotice: 'This browser cannot store comments, so they are kept only for this visit.',
  errors: {
    'body-empty': 'Write something before posting.',
    'body-too-long': 'Comments are limited to 5,000 characters.',
    'author-too-long': 'Names are limited to 80 characters.',
    'invalid-characters': 'This contains characters that cannot be stored.',
    'cannot-render': 'Your comment could not be made safe to show.',
    unavailable: 'This browser would not store your comment. Post again to keep it for this visit.',
    timeout: 'Saving took too long. Try again.',
    quota: 'This browser has no room left. Post again to keep your comment for this visit.',
    invalid: 'The comment was refused as invalid.',
    'not-found': 'That comment is gone.',
    forbidden: 'You are not allowed to do that.',
    'rate-limited': 'You are posting too quickly. Wait a moment and try again.',
    network: 'The comment server could not be reached. Try again.',
    outage: "Comments can't be saved right now; your text is kept. Try again in a moment.",
    'edit-window-closed': 'The time to change this comment has passed.',
    'too-many-edits': 'This comment cannot be edited again.',
    'parent-not-found': 'The comment you are replying to is gone.',
    'name-reserved': "This name is reserved for the site's author.",
    'thread-closed': 'Comments are closed.',
    unknown: 'Something went wrong. Try again.',
  },
};

/** A message with plural forms, chosen by `Intl.PluralRules`; `other` is required. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & {other: string};
type Widen<T> = {[K in keyof T]: T[K] extends string ? string : T[K] extends {other: string} ? Plural : Widen<T[K]>};
/** A locale's table: the same keys as English (with those of `en-actions.ts`, `en-composer.ts` and the others). */
export type Strings = Widen<
  typeof table &
    typeof import('./en-actions.js').enActions &
    typeof import('./en-composer.js').enComposer &
    typeof import('./en-inline.js').enInline &
    typeof import('./en-mine.js').enMine &
    typeof import('./en-notify.js').enNotify
>;
/**
 * English. The strings of the parts that load on demand are kept with them: the reader actions (`en-actions.ts`), the
 * comment form (`en-composer.ts`), inline comments (`en-inline.ts`), "Your comments" and "Email me replies".
 */
export const en = table as Strings;
/** Per-string overrides a site sets with the `strings` property or attribute. */
export type StringOverrides = {
  [K in keyof Strings]?: Strings[K] extends Record<string, string> ? Partial<Strings[K]> : Strings[K];
};
