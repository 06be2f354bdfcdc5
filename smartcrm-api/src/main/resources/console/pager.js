// Cursor paging: the API gives only a `next` cursor, so the console keeps the cursor of every page it has shown.
import {h} from './dom.js';

export class CursorPager {
  constructor() {
    this.reset();
  }

  reset() {
    this.cursors = [null];
    this.index = 0;
  }

  /** The `after` of the page to show (null: the first). */
  get after() {
    return this.cursors[this.index];
  }

  get page() {
    return this.index + 1;
  }

  forward(next) {
    this.cursors.length = this.index + 1;
    this.cursors.push(next);
    this.index++;
  }

  back() {
    if (this.index > 0) this.index--;
  }
}

/** Previous / next buttons; both real buttons, disabled where there is no such page. */
export function pagerNav(label, {page, hasPrevious, hasNext, onPrevious, onNext}) {
  return h('nav', {class: 'pager', 'aria-label': label},
    h('button', {type: 'button', class: 'secondary', 'data-action': 'previous', disabled: !hasPrevious,
      onclick: onPrevious}, '← Previous page'),
    h('span', {class: 'page-number'}, `Page ${page}`),
    h('button', {type: 'button', class: 'secondary', 'data-action': 'next', disabled: !hasNext, onclick: onNext},
      'Next page →'));
}
