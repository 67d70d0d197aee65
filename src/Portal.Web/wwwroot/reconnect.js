// Drives Components/Layout/ReconnectModal.razor from blazor.web.js's components-reconnect-state-changed events (.NET 10):
// show, hide, retrying, failed, rejected, paused, resume-failed. Each text and button names in data-when the states it belongs to.
(() => {
    const modal = document.getElementById('components-reconnect-modal');
    if (!modal) return;

    const show = state => {
        modal.dataset.state = state;
        modal.querySelectorAll('[data-when]').forEach(part => {
            // The attribute, not the property: MudIcon's parts are SVG elements, which have no hidden property.
            part.toggleAttribute('hidden', !part.dataset.when.split(' ').includes(state));
        });
        if (!modal.open) modal.showModal();
    };

    // The circuit is gone on the server: try to resume it from its persisted state, else offer a reload.
    const resumeOrOfferReload = async state => {
        try {
            if (await Blazor.resumeCircuit()) {
                modal.close();
                return;
            }
        } catch {
            // The server is not reachable; the reload below is still the way out.
        }
        show(state);
    };

    const retry = async () => {
        document.removeEventListener('visibilitychange', retryWhenVisible);
        show('show');
        try {
            // true: reconnected; false: the server answered but no longer holds the circuit; throws: not reachable.
            if (!await Blazor.reconnect()) await resumeOrOfferReload('rejected');
        } catch {
            show('failed');
            document.addEventListener('visibilitychange', retryWhenVisible);
        }
    };

    const retryWhenVisible = async () => {
        if (document.visibilityState === 'visible') await retry();
    };

    modal.addEventListener('components-reconnect-state-changed', event => {
        const state = event.detail.state;
        if (state === 'hide') {
            modal.close();
        } else if (state === 'rejected') {
            resumeOrOfferReload(state);
        } else {
            show(state);
            if (state === 'failed') document.addEventListener('visibilitychange', retryWhenVisible);
        }
    });
    // Escape would close the dialog over a page that cannot work yet.
    modal.addEventListener('cancel', event => event.preventDefault());
    document.getElementById('components-reconnect-button').addEventListener('click', retry);
    document.getElementById('components-reconnect-reload').addEventListener('click', () => location.reload());
    document.getElementById('components-resume-button').addEventListener('click', () => resumeOrOfferReload('resume-failed'));
})();
