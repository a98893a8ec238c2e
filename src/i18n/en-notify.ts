/**
 * The English strings of "Email me replies" in the comment form, kept with it (it loads only where the storage mails
 * replies). Other locales carry these keys in their one table.
 */
export const enNotify = {
  notify: 'Email me replies',
  emailLabel: 'Email',
  emailHint: 'Only to tell you of replies; never shown. Every mail has a link to stop them.',
  emailInvalid: 'Enter an email address, or untick “Email me replies”.',
  followThread: 'Also every new comment on this post',
  notifySent: 'If this address is new here, check your inbox: a link confirms it.',
};
