import { dropId, moveItem, stepId } from './reorder';

describe('reorder', () => {
  it('moves an element to a new index', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 1, 99)).toEqual(['a', 'c', 'b']);
  });

  it('steps an id up or down, refusing to leave the list', () => {
    expect(stepId(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(stepId(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(stepId(['a', 'b', 'c'], 'a', -1)).toBeNull();
    expect(stepId(['a', 'b', 'c'], 'c', 1)).toBeNull();
    expect(stepId(['a'], 'x', 1)).toBeNull();
  });

  it('drops an id where another one is', () => {
    expect(dropId(['a', 'b', 'c'], 'a', 'c')).toEqual(['b', 'c', 'a']);
    expect(dropId(['a', 'b', 'c'], 'c', 'a')).toEqual(['c', 'a', 'b']);
    expect(dropId(['a', 'b', 'c'], 'b', 'b')).toBeNull();
  });
});
