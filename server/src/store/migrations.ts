/** The column types that differ between the two databases. */
export interface Dialect {
  kind: 'sqlite' | 'postgres';
  time: 'TEXT' | 'TIMESTAMPTZ';
  bool: 'INTEGER NOT NULL DEFAULT 0' | 'BOOLEAN NOT NULL DEFAULT FALSE';
  /** A boolean column's true, in a statement. */
  yes: '1' | 'TRUE';
}

export const SQLITE: Dialect = {kind: 'sqlite', time: 'TEXT', bool: 'INTEGER NOT NULL DEFAULT 0', yes: '1'};
export const POSTGRES: Dialect = {
  kind: 'postgres',
  time: 'TIMESTAMPTZ',
  bool: 'BOOLEAN NOT NULL DEFAULT FALSE',
  yes: 'TRUE',
};

/**
 * The versioned schema, the same for SQLite and PostgreSQL but for column types and two steps of PostgreSQL's (a
 * trigger and a function; empty steps on SQLite, so versions stay the same). Each entry runs once, in order, in a
 * transaction; a new version is a new entry at the end, never an edit of an old one.
 */
export const migrations = ({kind, time, bool, yes}: Dialect): string[] => [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE comments (
     id TEXT PRIMARY KEY,
     post_id TEXT NOT NULL,
     parent_id TEXT,
     author TEXT NOT NULL,
     body TEXT NOT NULL,
     created_at ${time} NOT NULL,
     edited_at ${time},
     deleted_at ${time},
     is_post_author ${bool},
     ip_hash TEXT,
     token_hash TEXT
   );
   CREATE INDEX comments_by_post ON comments (post_id, created_at, id);
   CREATE INDEX comments_by_client ON comments (ip_hash, created_at);`,
  // Reactions, and the upvote count kept beside each comment for the "top" order.
  `CREATE TABLE reactions (
     comment_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     reader_hash TEXT NOT NULL,
     created_at ${time} NOT NULL,
     PRIMARY KEY (comment_id, kind, reader_hash)
   );
   ALTER TABLE comments ADD COLUMN up_count INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX comments_top ON comments (post_id, up_count, created_at, id);`,
  // Threads: every comment knows its top-level comment, so a page of threads is two indexed queries.
  `ALTER TABLE comments ADD COLUMN root_id TEXT;
   WITH RECURSIVE tree(id, root) AS (
     SELECT id, id FROM comments WHERE parent_id IS NULL OR parent_id NOT IN (SELECT id FROM comments)
     UNION ALL SELECT c.id, t.root FROM comments c JOIN tree t ON c.parent_id = t.id
   )
   UPDATE comments SET root_id = (SELECT root FROM tree WHERE tree.id = comments.id);
   CREATE INDEX comments_by_root ON comments (root_id, created_at, id);`,
  // Moderation: statuses, who wrote what (hashed reader id), duplicate detection, blocks, the admin log.
  `ALTER TABLE comments ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
   ALTER TABLE comments ADD COLUMN reader_hash TEXT;
   ALTER TABLE comments ADD COLUMN body_hash TEXT;
   CREATE INDEX comments_by_status ON comments (status, created_at);
   CREATE INDEX comments_by_body ON comments (body_hash, created_at);
   CREATE INDEX comments_by_reader ON comments (reader_hash, status);
   CREATE TABLE blocks (kind TEXT NOT NULL, value TEXT NOT NULL, created_at ${time} NOT NULL, PRIMARY KEY (kind, value));
   CREATE TABLE admin_log (at ${time} NOT NULL, action TEXT NOT NULL, target TEXT, detail TEXT);`,
  // Inline comments: the passage of the post a comment is about (JSON: quote, prefix, suffix, position, paragraph).
  `ALTER TABLE comments ADD COLUMN anchor TEXT;`,
  // Every change to a post's comments gets the next number of that post's sequence, assigned under the post row's
  // lock, so numbers follow commit order: live streams and reconnecting readers resume from a number. Also: replies
  // that wait for a held parent, comments that were ever public (a later hide is then announced), the idempotency
  // key of a create, edits counted, and who reacted (hashed address) for the reaction limits.
  `CREATE TABLE posts (post_id TEXT PRIMARY KEY, seq BIGINT NOT NULL DEFAULT 0);
   ALTER TABLE comments ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
   ALTER TABLE comments ADD COLUMN was_public ${bool};
   ALTER TABLE comments ADD COLUMN awaits_parent ${bool};
   ALTER TABLE comments ADD COLUMN idempotency_key TEXT;
   ALTER TABLE comments ADD COLUMN edits INTEGER NOT NULL DEFAULT 0;
   UPDATE comments SET seq = numbered.n
     FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY post_id ORDER BY created_at, id) AS n FROM comments) AS numbered
     WHERE comments.id = numbered.id;
   UPDATE comments SET was_public = ${yes} WHERE status = 'published';
   INSERT INTO posts (post_id, seq) SELECT post_id, MAX(seq) FROM comments GROUP BY post_id;
   CREATE INDEX comments_by_seq ON comments (post_id, seq);
   CREATE INDEX comments_by_parent ON comments (parent_id);
   CREATE UNIQUE INDEX comments_by_idempotency_key ON comments (idempotency_key);
   ALTER TABLE reactions ADD COLUMN ip_hash TEXT;
   CREATE INDEX reactions_by_client ON reactions (ip_hash, created_at);
   CREATE INDEX reactions_by_comment_client ON reactions (comment_id, kind, ip_hash);
   CREATE INDEX reactions_by_reader ON reactions (reader_hash);`,
  // Mail: readers who asked to hear of replies (an address per browser, confirmed by a link: double opt-in), what they
  // follow, replies waiting to be mailed, the outbox (written in the same transaction as the comment that causes a
  // mail, sent by a worker), and single-use tokens of one-click moderation links. And each post's page address, for
  // links in mails and feeds.
  `CREATE TABLE subscribers (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL,
     reader_hash TEXT NOT NULL,
     ip_hash TEXT,
     created_at ${time} NOT NULL,
     confirm_sent_at ${time},
     confirmed_at ${time},
     UNIQUE (email, reader_hash)
   );
   CREATE TABLE subscriptions (
     subscriber_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     target TEXT NOT NULL,
     created_at ${time} NOT NULL,
     unsubscribed_at ${time},
     PRIMARY KEY (subscriber_id, kind, target)
   );
   CREATE INDEX subscriptions_by_target ON subscriptions (kind, target);
   CREATE TABLE notifications (
     subscriber_id TEXT NOT NULL,
     post_id TEXT NOT NULL,
     comment_id TEXT NOT NULL,
     created_at ${time} NOT NULL,
     mailed_at ${time},
     PRIMARY KEY (subscriber_id, comment_id)
   );
   CREATE INDEX notifications_waiting ON notifications (mailed_at, subscriber_id, post_id);
   CREATE TABLE outbox (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     recipient TEXT NOT NULL,
     subject TEXT NOT NULL,
     text TEXT NOT NULL,
     html TEXT NOT NULL,
     headers TEXT NOT NULL,
     status TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_at ${time} NOT NULL,
     claimed_at ${time},
     sent_at ${time},
     last_error TEXT,
     created_at ${time} NOT NULL,
     subscriber_id TEXT,
     post_id TEXT
   );
   CREATE INDEX outbox_due ON outbox (status, next_at);
   CREATE INDEX outbox_by_thread ON outbox (subscriber_id, post_id, created_at);
   CREATE TABLE mail_tokens (
     token_hash TEXT PRIMARY KEY,
     purpose TEXT NOT NULL,
     target TEXT NOT NULL,
     expires_at ${time} NOT NULL,
     used_at ${time}
   );
   CREATE INDEX subscribers_by_email ON subscribers (email);
   CREATE INDEX subscribers_by_client ON subscribers (ip_hash, confirm_sent_at);
   ALTER TABLE comments ADD COLUMN subscriber_id TEXT;
   ALTER TABLE posts ADD COLUMN url TEXT;`,
  // Who may say what where: moderators by name (each with their own secret, stored hashed), pinned comments, closed
  // threads, readers' reports (one per reader per comment), and who did what in the admin log.
  `CREATE TABLE moderators (
     name TEXT PRIMARY KEY,
     secret_hash TEXT NOT NULL UNIQUE,
     sites TEXT,
     created_at ${time} NOT NULL
   );
   ALTER TABLE comments ADD COLUMN pinned_at ${time};
   ALTER TABLE posts ADD COLUMN closed_at ${time};
   CREATE TABLE reports (
     comment_id TEXT NOT NULL,
     reader_hash TEXT NOT NULL,
     ip_hash TEXT,
     created_at ${time} NOT NULL,
     PRIMARY KEY (comment_id, reader_hash)
   );
   ALTER TABLE admin_log ADD COLUMN actor TEXT;`,
  // The date a post's page gives for itself (for --close-after), and when the server last read the page for it.
  `ALTER TABLE posts ADD COLUMN published_at ${time};
   ALTER TABLE posts ADD COLUMN page_read_at ${time};`,
  // PostgreSQL: a new comment inserted without its number (0) is numbered as its transaction commits, by a deferred
  // trigger, so the post row's lock is held only inside the commit, never across a round trip to the server (creates
  // on one post had waited for each other's last two). Numbers still follow commit order. SQLite writes one
  // transaction at a time and numbers a comment as it inserts it.
  kind === 'postgres'
    ? `CREATE FUNCTION confab_number_comment() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN WITH next AS (INSERT INTO posts (post_id, seq) VALUES (NEW.post_id, 1) ON CONFLICT (post_id) DO UPDATE SET seq = posts.seq + 1 RETURNING seq) UPDATE comments SET seq = (SELECT seq FROM next) WHERE id = NEW.id; RETURN NULL; END $$;
       CREATE CONSTRAINT TRIGGER comments_numbered AFTER INSERT ON comments DEFERRABLE INITIALLY DEFERRED
         FOR EACH ROW WHEN (NEW.seq = 0) EXECUTE FUNCTION confab_number_comment();`
    : '',
  // PostgreSQL: a create in one round trip. The function checks what `Store.insert` checks on SQLite (the idempotency
  // key, the parent, the rate limits, each under its advisory lock), inserts the row and returns it. Called as a
  // statement of its own (`p_channel` given), it also numbers the comment, as its last write, and sends its change
  // notice; it commits as it returns, so the post row's lock is held for no round trip. Inside a longer transaction it
  // leaves the numbering to the commit (the trigger above) and the notice to the caller. A refusal is an error
  // (SQLSTATE P0001) whose message names it: `confab:parent-not-found`, or `confab:rate-limited` with the oldest
  // comment counted (epoch ms) as its detail. A key already used returns that key's comment, inserting nothing.
  kind === 'postgres'
    ? `CREATE FUNCTION confab_insert_comment(p_id TEXT, p_post_id TEXT, p_parent_id TEXT, p_author TEXT, p_body TEXT,
         p_created_at TIMESTAMPTZ, p_is_post_author BOOLEAN, p_ip_hash TEXT, p_token_hash TEXT, p_status TEXT,
         p_reader_hash TEXT, p_body_hash TEXT, p_anchor TEXT, p_idempotency_key TEXT, p_since TIMESTAMPTZ,
         p_post_max INTEGER, p_ip_max INTEGER, p_channel TEXT, p_notice TEXT)
       RETURNS SETOF comments LANGUAGE plpgsql AS $$
       DECLARE
         v_row comments%ROWTYPE;
         v_status TEXT := p_status;
         v_awaits BOOLEAN := FALSE;
         v_parent TEXT;
         v_oldest TIMESTAMPTZ;
         v_seq BIGINT := 0;
       BEGIN
         IF p_idempotency_key IS NOT NULL THEN
           SELECT * INTO v_row FROM comments WHERE idempotency_key = p_idempotency_key;
           IF FOUND THEN
             RETURN NEXT v_row;
             RETURN;
           END IF;
         END IF;
         IF p_parent_id IS NOT NULL THEN
           SELECT status INTO v_parent FROM comments WHERE id = p_parent_id AND post_id = p_post_id;
           IF NOT FOUND THEN
             RAISE EXCEPTION 'confab:parent-not-found';
           END IF;
           IF v_parent <> 'published' AND v_status = 'published' THEN
             v_status := 'pending';
             v_awaits := TRUE;
           END IF;
         END IF;
         -- Creates of one post (or one client) are serialized, so concurrent requests cannot slip past together.
         IF p_post_max > 0 THEN
           PERFORM pg_advisory_xact_lock(hashtext('post_id:' || p_post_id));
           SELECT created_at INTO v_oldest FROM comments WHERE post_id = p_post_id AND created_at > p_since
             ORDER BY created_at DESC OFFSET p_post_max - 1 LIMIT 1;
           IF FOUND THEN
             RAISE EXCEPTION 'confab:rate-limited' USING DETAIL = (extract(epoch FROM v_oldest) * 1000)::BIGINT::TEXT;
           END IF;
         END IF;
         IF p_ip_max > 0 AND p_ip_hash IS NOT NULL THEN
           PERFORM pg_advisory_xact_lock(hashtext('ip_hash:' || p_ip_hash));
           SELECT created_at INTO v_oldest FROM comments WHERE ip_hash = p_ip_hash AND created_at > p_since
             ORDER BY created_at DESC OFFSET p_ip_max - 1 LIMIT 1;
           IF FOUND THEN
             RAISE EXCEPTION 'confab:rate-limited' USING DETAIL = (extract(epoch FROM v_oldest) * 1000)::BIGINT::TEXT;
           END IF;
         END IF;
         -- Alone in its transaction, the row is numbered last (below): -1 keeps the commit's trigger off it.
         IF p_channel IS NOT NULL THEN
           v_seq := -1;
         END IF;
         INSERT INTO comments
           (id, post_id, parent_id, author, body, created_at, is_post_author, ip_hash, token_hash, status, reader_hash,
            body_hash, anchor, root_id, seq, was_public, awaits_parent, idempotency_key)
         VALUES (p_id, p_post_id, p_parent_id, p_author, p_body, p_created_at, p_is_post_author, p_ip_hash,
            p_token_hash, v_status, p_reader_hash, p_body_hash, p_anchor,
            COALESCE((SELECT root_id FROM comments WHERE id = p_parent_id AND post_id = p_post_id), p_id), v_seq,
            v_status = 'published', v_awaits, p_idempotency_key)
         RETURNING * INTO v_row;
         -- The post's row is locked from here to the commit, which follows at once.
         IF p_channel IS NOT NULL THEN
           INSERT INTO posts (post_id, seq) VALUES (p_post_id, 1)
             ON CONFLICT (post_id) DO UPDATE SET seq = posts.seq + 1 RETURNING seq INTO v_seq;
           UPDATE comments SET seq = v_seq WHERE id = p_id RETURNING * INTO v_row;
           PERFORM pg_notify(p_channel, p_notice);
         END IF;
         RETURN NEXT v_row;
       END $$;`
    : '',
  // Forgetting a subscriber unlinks its comments, and a reader's "forget me" finds the addresses given in its browser:
  // both by index, not by reading every comment (once per address forgotten) or every subscriber. Partial: most
  // comments have no subscriber.
  `CREATE INDEX comments_by_subscriber ON comments (subscriber_id) WHERE subscriber_id IS NOT NULL;
   CREATE INDEX subscribers_by_reader ON subscribers (reader_hash);`,
  // PostgreSQL: a create reads its parent by id alone (the plan PL/pgSQL keeps for `id = $1 AND post_id = $2` could
  // read the post's comments, from statistics taken while the table was small: half a millisecond a create at 5,000
  // comments), a create alone in its transaction takes its number before its row is inserted, not by updating the
  // row after (which wrote every index of the comment twice, `seq` being indexed), and creates that arrive together
  // go in one round trip and one transaction. Each item of `confab_insert_comments` is the 19 arguments of
  // `confab_insert_comment` (a JSON array), called as a statement of its own would be (numbered, its notice sent), in
  // a block of its own: a refusal (`confab:...`, with its detail) or a key already taken undoes that item alone and is
  // answered in its row; the others are stored. One row per item, in order; `o_c` is the stored comment, or NULL.
  kind === 'postgres'
    ? `CREATE OR REPLACE FUNCTION confab_insert_comment(p_id TEXT, p_post_id TEXT, p_parent_id TEXT, p_author TEXT, p_body TEXT,
         p_created_at TIMESTAMPTZ, p_is_post_author BOOLEAN, p_ip_hash TEXT, p_token_hash TEXT, p_status TEXT,
         p_reader_hash TEXT, p_body_hash TEXT, p_anchor TEXT, p_idempotency_key TEXT, p_since TIMESTAMPTZ,
         p_post_max INTEGER, p_ip_max INTEGER, p_channel TEXT, p_notice TEXT)
       RETURNS SETOF comments LANGUAGE plpgsql AS $$
       DECLARE
         v_row comments%ROWTYPE;
         v_status TEXT := p_status;
         v_awaits BOOLEAN := FALSE;
         v_parent TEXT;
         v_parent_post TEXT;
         v_root TEXT;
         v_oldest TIMESTAMPTZ;
         v_seq BIGINT := 0;
       BEGIN
         IF p_idempotency_key IS NOT NULL THEN
           SELECT * INTO v_row FROM comments WHERE idempotency_key = p_idempotency_key;
           IF FOUND THEN
             RETURN NEXT v_row;
             RETURN;
           END IF;
         END IF;
         IF p_parent_id IS NOT NULL THEN
           -- By its id alone: the plan this function keeps must not find the parent among the post's comments.
           SELECT status, post_id, root_id INTO v_parent, v_parent_post, v_root FROM comments WHERE id = p_parent_id;
           IF NOT FOUND OR v_parent_post <> p_post_id THEN
             RAISE EXCEPTION 'confab:parent-not-found';
           END IF;
           IF v_parent <> 'published' AND v_status = 'published' THEN
             v_status := 'pending';
             v_awaits := TRUE;
           END IF;
         END IF;
         -- Creates of one post (or one client) are serialized, so concurrent requests cannot slip past together.
         IF p_post_max > 0 THEN
           PERFORM pg_advisory_xact_lock(hashtext('post_id:' || p_post_id));
           SELECT created_at INTO v_oldest FROM comments WHERE post_id = p_post_id AND created_at > p_since
             ORDER BY created_at DESC OFFSET p_post_max - 1 LIMIT 1;
           IF FOUND THEN
             RAISE EXCEPTION 'confab:rate-limited' USING DETAIL = (extract(epoch FROM v_oldest) * 1000)::BIGINT::TEXT;
           END IF;
         END IF;
         IF p_ip_max > 0 AND p_ip_hash IS NOT NULL THEN
           PERFORM pg_advisory_xact_lock(hashtext('ip_hash:' || p_ip_hash));
           SELECT created_at INTO v_oldest FROM comments WHERE ip_hash = p_ip_hash AND created_at > p_since
             ORDER BY created_at DESC OFFSET p_ip_max - 1 LIMIT 1;
           IF FOUND THEN
             RAISE EXCEPTION 'confab:rate-limited' USING DETAIL = (extract(epoch FROM v_oldest) * 1000)::BIGINT::TEXT;
           END IF;
         END IF;
         -- Alone in its transaction, the row is numbered as it is inserted: the post's row is locked from here to the
         -- commit, which follows at once (or, gathered, after the others of its call).
         IF p_channel IS NOT NULL THEN
           UPDATE posts SET seq = seq + 1 WHERE post_id = p_post_id RETURNING seq INTO v_seq;
           IF NOT FOUND THEN
             INSERT INTO posts (post_id, seq) VALUES (p_post_id, 1)
               ON CONFLICT (post_id) DO UPDATE SET seq = posts.seq + 1 RETURNING seq INTO v_seq;
           END IF;
         END IF;
         INSERT INTO comments
           (id, post_id, parent_id, author, body, created_at, is_post_author, ip_hash, token_hash, status, reader_hash,
            body_hash, anchor, root_id, seq, was_public, awaits_parent, idempotency_key)
         VALUES (p_id, p_post_id, p_parent_id, p_author, p_body, p_created_at, p_is_post_author, p_ip_hash,
            p_token_hash, v_status, p_reader_hash, p_body_hash, p_anchor,
            COALESCE(v_root, p_id), v_seq,
            v_status = 'published', v_awaits, p_idempotency_key)
         RETURNING * INTO v_row;
         IF p_channel IS NOT NULL THEN
           PERFORM pg_notify(p_channel, p_notice);
         END IF;
         RETURN NEXT v_row;
       END $$;
       CREATE FUNCTION confab_insert_comments(p_items JSON)
       RETURNS TABLE (o_ord INTEGER, o_refusal TEXT, o_detail TEXT, o_c comments) LANGUAGE plpgsql AS $$
       DECLARE
         v JSON;
       BEGIN
         o_ord := 0;
         FOR v IN SELECT value FROM json_array_elements(p_items) LOOP
           o_ord := o_ord + 1;
           o_refusal := NULL;
           o_detail := NULL;
           BEGIN
             SELECT * INTO o_c FROM confab_insert_comment(v->>0, v->>1, v->>2, v->>3, v->>4,
               (v->>5)::TIMESTAMPTZ, (v->>6)::BOOLEAN, v->>7, v->>8, v->>9, v->>10, v->>11, v->>12, v->>13,
               (v->>14)::TIMESTAMPTZ, (v->>15)::INTEGER, (v->>16)::INTEGER, v->>17, v->>18);
           EXCEPTION
             WHEN raise_exception THEN
               IF SQLERRM NOT LIKE 'confab:%' THEN
                 RAISE;
               END IF;
               o_c := NULL;
               o_refusal := SQLERRM;
               GET STACKED DIAGNOSTICS o_detail = PG_EXCEPTION_DETAIL;
             WHEN unique_violation THEN
               o_c := NULL;
               o_refusal := 'confab:key-taken';
           END;
           RETURN NEXT;
         END LOOP;
       END $$;`
    : '',
];
