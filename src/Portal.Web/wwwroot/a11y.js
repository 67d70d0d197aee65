// Keyboard and screen-reader fixes for MudBlazor tables, applied as the page changes.
// MudBlazor's table sort labels are spans that answer only clicks. Make each one a button in the tab order that Enter and
// Space press, and tell screen readers how its column is sorted (aria-sort on the header cell).
(() => {
    const direction = label => {
        const icon = label.querySelector('.mud-table-sort-label-icon');
        if (icon?.classList.contains('mud-direction-asc')) return 'ascending';
        if (icon?.classList.contains('mud-direction-desc')) return 'descending';
        return null;
    };
    const mark = () => document.querySelectorAll('.mud-table-sort-label').forEach(label => {
        if (!label.hasAttribute('tabindex')) {
            label.tabIndex = 0;
            label.setAttribute('role', 'button');
        }
        const header = label.closest('th');
        const sort = direction(label);
        if (header && header.getAttribute('aria-sort') !== sort) {
            if (sort) header.setAttribute('aria-sort', sort); else header.removeAttribute('aria-sort');
        }
    });
    // A table that scrolls inside its own box (phone width) must be reachable by keyboard to scroll it.
    const scrollable = () => document.querySelectorAll('.mud-table-container').forEach(box => {
        if (box.scrollWidth > box.clientWidth + 1) {
            box.tabIndex = 0;
        } else if (box.getAttribute('tabindex') === '0') {
            box.removeAttribute('tabindex');
        }
    });
    // The pager's rows-per-page select has no label of its own at phone width.
    const pagers = () => document.querySelectorAll('.mud-table-pager .mud-input-slot[tabindex]:not([aria-label])')
        .forEach(select => select.setAttribute('aria-label', 'Rows per page'));
    const update = () => { mark(); scrollable(); pagers(); };
    window.addEventListener('resize', scrollable);
    new MutationObserver(update).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
    document.addEventListener('keydown', event => {
        if ((event.key === 'Enter' || event.key === ' ') && event.target.classList?.contains('mud-table-sort-label')) {
            event.preventDefault();
            event.target.click();
        }
    });
    update();
})();
