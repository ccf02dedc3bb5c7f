import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mentionHandles } from '@relay/shared';
import { fromBoardResponse } from '../../realtime/board-state';
import { useBoardStore } from '../../realtime/board-store';
import { fullCard, makeBoard, makeCard, makeLanes, makeUser, mockFetch } from '../../test/fixtures';
import { openCard } from '../../utils/url-state';
import { ActivitySection } from './ActivitySection';
import { CardDrawer } from './CardDrawer';
import { usePeopleStore } from './use-people';

const people = [
  makeUser({ name: 'Olive Ops', email: 'ops@relay.test' }),
  makeUser({ name: 'Aaron Accounts', email: 'accounting@relay.test', departments: ['accounting'] }),
  makeUser({ name: 'Mona Manager', email: 'manager@relay.test', role: 'manager' }),
  makeUser({ name: 'Cara Experience', email: 'cx@relay.test', departments: ['customer_experience'] }),
];

async function setup() {
  const calls = mockFetch({
    'GET /api/users': { status: 200, body: people },
    'POST /api/cards/card-1/comments': { status: 201, body: { id: 'c1' } },
  });
  const onCommented = jest.fn();
  render(<ActivitySection cardId="card-1" events={[]} onCommented={onCommented} />);
  await act(async () => undefined);
  const box = screen.getByRole('combobox', { name: 'Comment' }) as HTMLTextAreaElement;
  return { calls, box, onCommented };
}

const options = () => screen.getAllByRole('option').map((o) => o.textContent);

describe('the @mention picker in the comment box', () => {
  beforeEach(() => usePeopleStore.getState().reset());

  it('lists people matching what follows @, by name or handle', async () => {
    const { box } = await setup();
    expect(screen.queryByRole('listbox')).toBeNull();
    await userEvent.type(box, 'Please check @mo');
    expect(screen.getByRole('listbox', { name: 'People to mention' })).toBeInTheDocument();
    expect(options()).toEqual(['Mona Manager@manager']);
    // "o": ops by handle first, then those who only contain it, by name.
    await userEvent.type(box, '{Backspace}{Backspace}o');
    expect(options()).toEqual(['Olive Ops@ops', 'Aaron Accounts@accounting', 'Mona Manager@manager']);
    expect(box).toHaveAttribute('aria-expanded', 'true');
  });

  it('does not open inside an email address', async () => {
    const { box } = await setup();
    await userEvent.type(box, 'mail gail@op');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveAttribute('aria-expanded', 'false');
  });

  it('moves with the arrow keys (aria-activedescendant) and inserts @handle with Enter', async () => {
    const { box } = await setup();
    await userEvent.type(box, 'Ask @o');
    const [first, second, third] = screen.getAllByRole('option');
    expect(box).toHaveAttribute('aria-activedescendant', first!.id);
    expect(first).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', second!.id);
    expect(second).toHaveAttribute('aria-selected', 'true');
    expect(first).toHaveAttribute('aria-selected', 'false');
    // Past the last it wraps to the first, and up from the first to the last.
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', first!.id);
    await userEvent.keyboard('{ArrowUp}');
    expect(box).toHaveAttribute('aria-activedescendant', third!.id);
    await userEvent.keyboard('{Enter}');
    expect(box.value).toBe('Ask @manager ');
    expect(screen.queryByRole('listbox')).toBeNull();
    // Typing goes on after the inserted mention.
    await userEvent.type(box, 'today');
    expect(box.value).toBe('Ask @manager today');
  });

  it('inserts with Tab, and with a click', async () => {
    const { box } = await setup();
    await userEvent.type(box, '@oli');
    await userEvent.keyboard('{Tab}');
    expect(box.value).toBe('@ops ');
    expect(box).toHaveFocus();
    await userEvent.type(box, 'and @mon');
    await userEvent.click(screen.getByRole('option', { name: /Mona Manager/ }));
    expect(box.value).toBe('@ops and @manager ');
  });

  it('closes with Escape without closing anything around it, and Enter then types a new line', async () => {
    const { box } = await setup();
    const outside = jest.fn();
    window.addEventListener('keydown', outside);
    await userEvent.type(box, 'Hi @ac');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(outside.mock.calls.some(([e]) => (e as KeyboardEvent).key === 'Escape')).toBe(false);
    await userEvent.keyboard('{Enter}');
    expect(box.value).toBe('Hi @ac\n');
    window.removeEventListener('keydown', outside);
  });

  it('posts the comment with plain @handle tokens the server reads', async () => {
    const { box, calls, onCommented } = await setup();
    await userEvent.type(box, '@acc');
    await userEvent.keyboard('{Enter}');
    await userEvent.type(box, 'billing is set, thanks @oli');
    fireEvent.keyDown(box, { key: 'Enter' });
    await userEvent.click(screen.getByRole('button', { name: 'Post comment' }));
    await waitFor(() => expect(onCommented).toHaveBeenCalled());
    const body = (calls.find((c) => c.method === 'POST')!.body as { body: string }).body;
    expect(body).toBe('@accounting billing is set, thanks @ops');
    expect(mentionHandles(body)).toEqual(['accounting', 'ops']);
  });
});

describe('the @mention picker in the open card', () => {
  beforeEach(() => usePeopleStore.getState().reset());

  it('Escape closes the picker first and the card only on a second press', async () => {
    const lanes = makeLanes();
    const summary = makeCard(lanes[1]!);
    useBoardStore.getState().reset();
    useBoardStore.getState().receive(fromBoardResponse(makeBoard([summary], 1, lanes)), []);
    const card = fullCard(summary, lanes);
    mockFetch({
      [`GET /api/cards/${card.id}`]: { status: 200, body: card },
      [`GET /api/cards/${card.id}/events`]: { status: 200, body: [] },
      'GET /api/users': { status: 200, body: people },
    });
    openCard(card.id);
    render(<CardDrawer cardId={card.id} user={people[0]!} />);
    const box = await screen.findByRole('combobox', { name: 'Comment' });
    await act(async () => undefined);
    await userEvent.type(box, 'Hi @o');
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(new URLSearchParams(window.location.search).get('card')).toBe(card.id);
    await userEvent.keyboard('{Escape}');
    expect(new URLSearchParams(window.location.search).get('card')).toBeNull();
  });
});
