import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customer names of the default pipeline's lanes (fixed here: a migration must not change with the template). */
const LANE_NAMES: [key: string, name: string, description: string][] = [
  ['intake', 'Getting started', 'We review your order and plan your onboarding.'],
  ['customer_experience', 'Welcome', 'We welcome you and schedule the kick-off meeting.'],
  ['accounting', 'Billing set-up', 'We set up your account and billing.'],
  ['operational_setup', 'Preparing your service', 'We prepare the schedules, documents and supplies for your site.'],
  ['hr', 'Staffing', 'We hire or assign the people who will serve your site.'],
  ['go_live', 'Going live', 'We walk through your site with you and start the service.'],
  ['first_week_audit', 'First-week check', 'We check how the first week went.'],
  ['done', 'Live', 'Your service is running.'],
];

/** The default pipeline's requests to the customer. */
const REQUESTS: { lane: string; label: string; kind: string; required: boolean; help: string | null }[] = [
  {
    lane: 'intake',
    label: 'Site access details',
    kind: 'text',
    required: false,
    help: 'How our team gets into the site: entrances, keys or codes, alarm, who to ask on arrival',
  },
  { lane: 'customer_experience', label: 'Preferred kick-off date', kind: 'date', required: false, help: null },
  {
    lane: 'accounting',
    label: 'Billing contact',
    kind: 'text',
    required: false,
    help: 'Name, email and phone of the person who receives our invoices',
  },
  { lane: 'accounting', label: 'Purchase order (if you use them)', kind: 'file', required: false, help: null },
  {
    lane: 'go_live',
    label: 'Customer accepts the service',
    kind: 'signoff',
    required: true,
    help: 'Type your name and confirm that the service may start as agreed',
  },
];

/**
 * The customer's view (API.md): a card's share link (only the token's SHA-256 is kept), lane names for the
 * customer, checklist items meant for the customer (`audience`), the `signoff` kind, and who of the
 * customer completed a value. Existing pipelines get the default customer names and requests where their
 * lanes have the default keys and do not already hold an item of that label.
 */
export class CustomerView1763901100000 implements MigrationInterface {
  name = 'CustomerView1763901100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE lanes ADD COLUMN customer_name text, ADD COLUMN customer_description text;
      ALTER TABLE checklist_items
        ADD COLUMN audience text NOT NULL DEFAULT 'team' CHECK (audience IN ('team','customer')),
        DROP CONSTRAINT IF EXISTS checklist_items_kind_check,
        ADD CONSTRAINT checklist_items_kind_check CHECK (kind IN ('check','text','number','date','choice','user','file','signoff'));
      -- The contact's name when the customer completed the value through the link (completed_by is then null).
      ALTER TABLE checklist_values ADD COLUMN completed_by_customer text;

      -- A mail carrying a secret (a tracker link) whose body is blanked once it has been sent.
      ALTER TABLE email_outbox ADD COLUMN sensitive boolean NOT NULL DEFAULT false;

      CREATE TABLE card_shares (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        card_id uuid NOT NULL UNIQUE REFERENCES cards(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_viewed_at timestamptz,
        views int NOT NULL DEFAULT 0
      );
    `);
    await q.query(
      `UPDATE lanes l SET customer_name = n.name, customer_description = n.description
         FROM unnest($1::text[], $2::text[], $3::text[]) AS n(key, name, description)
        WHERE l.key = n.key AND l.customer_name IS NULL`,
      [LANE_NAMES.map((n) => n[0]), LANE_NAMES.map((n) => n[1]), LANE_NAMES.map((n) => n[2])],
    );
    for (const r of REQUESTS) {
      await q.query(
        `INSERT INTO checklist_items (lane_id, label, help, kind, required, audience, position)
         SELECT l.id, $2, $3, $4, $5, 'customer', (SELECT COALESCE(max(position), 0) + 1024 FROM checklist_items WHERE lane_id = l.id)
           FROM lanes l
          WHERE l.key = $1 AND NOT l.terminal AND NOT EXISTS (SELECT FROM checklist_items i WHERE i.lane_id = l.id AND i.label = $2)`,
        [r.lane, r.label, r.help, r.kind, r.required],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE card_shares;
      ALTER TABLE email_outbox DROP COLUMN sensitive;
      DELETE FROM checklist_values v USING checklist_items i WHERE i.id = v.item_id AND i.kind = 'signoff';
      DELETE FROM checklist_items WHERE kind = 'signoff';
      ALTER TABLE checklist_values DROP COLUMN completed_by_customer;
      ALTER TABLE checklist_items DROP COLUMN audience, DROP CONSTRAINT checklist_items_kind_check,
        ADD CONSTRAINT checklist_items_kind_check CHECK (kind IN ('check','text','number','date','choice','user','file'));
      ALTER TABLE lanes DROP COLUMN customer_name, DROP COLUMN customer_description;
    `);
  }
}
