// polyboot's page: plain JavaScript, no libraries. Every call goes to the JSON API with the token from the address.
'use strict';
const $ = (id) => document.getElementById(id);
const state = { token: null, target: null, jobs: new Map(), images: [], menuEdited: false };

function takeToken() {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem('polyboot-token', fromUrl);
    history.replaceState(null, '', '/'); // the token leaves the address bar and the history
  }
  return sessionStorage.getItem('polyboot-token');
}

function human(bytes) {
  if (bytes == null) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
}

function showError(e) {
  const el = $('error');
  el.textContent = e.hint ? e.error + '\n' + e.hint : (e.error || String(e));
  el.hidden = false;
  $('status').textContent = '';
}

function showStatus(text) {
  $('error').hidden = true;
  $('status').textContent = text;
}

async function api(method, path, body, withWarnings) {
  const init = { method, headers: { 'X-Polyboot-Token': state.token } };
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const r = await fetch(path, init);
  const data = await r.json().catch(() => ({ error: 'HTTP ' + r.status }));
  if (!r.ok) throw data;
  if (withWarnings) withWarnings(JSON.parse(r.headers.get('X-Polyboot-Warnings') || '[]'));
  return data;
}

function cell(tr, text, label) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : text;
  if (label) td.dataset.label = label;
  tr.appendChild(td);
  return td;
}

function button(text, cls, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.className = cls;
  b.addEventListener('click', onClick);
  return b;
}

async function loadDrives() {
  const rows = $('drive-rows');
  rows.textContent = '';
  try {
    const d = await api('GET', '/api/devices');
    for (const dev of d.devices) {
      const tr = document.createElement('tr');
      tr.className = 'drive';
      tr.dataset.path = dev.path;
      cell(tr, dev.path, 'Drive');
      cell(tr, human(dev.sizeBytes), 'Size');
      cell(tr, [dev.vendor, dev.model].filter(Boolean).join(' '), 'Model');
      cell(tr, dev.content + (dev.version ? ' ' + dev.version : '') + (dev.label ? ' (' + dev.label + ')' : ''), 'Holds');
      cell(tr, '').appendChild(button('Use', 'use-drive', () => { $('target').value = dev.path; openStick(); }));
      rows.appendChild(tr);
    }
    if (d.devices.length === 0) cell(rows.insertRow(), 'No USB or removable disk found.');
  } catch (e) { showError(e); }
}

function installBody() {
  return {
    target: $('target').value.trim(), size: $('size').value.trim(), gpt: $('style').value === 'gpt',
    reserveMib: Number($('reserve').value || 0), label: $('label').value.trim(), console: $('console').value,
    secureBoot: $('secure-boot').checked, force: $('force').checked, confirm: $('confirm-name').value.trim()
  };
}

async function showPlan() {
  try {
    const p = await api('POST', '/api/install/plan', installBody());
    const lines = ['Target: ' + p.target.path + (p.target.disk ? ' (disk ' + p.target.name + ', ' + (p.target.model || '') + ', '
      + human(p.target.sizeBytes) + ')' : ' (image file)')];
    if (p.layout) {
      lines.push('Partition table: ' + p.layout.style);
      for (const part of p.layout.partitions) {
        lines.push('  ' + part.role + ': ' + part.fileSystem + ' "' + (part.label || '') + '", ' + human(part.sizeBytes));
      }
    }
    lines.push('Boot menu on: ' + p.console);
    for (const r of p.refusals) lines.push('REFUSED: ' + r.message + (r.hint ? ' (' + r.hint + ')' : ''));
    $('plan-text').textContent = lines.join('\n');
    $('plan').hidden = false;
    $('confirm-row').hidden = !p.confirmationNeeded;
    $('confirm-hint').textContent = p.target.name || '';
    $('install-btn').disabled = p.refusals.length > 0;
    $('install-btn').className = 'danger';
    (p.refusals.length ? $('plan-btn') : (p.confirmationNeeded ? $('confirm-name') : $('install-btn'))).focus();
  } catch (e) { showError(e); }
}

async function install() {
  try {
    await api('POST', '/api/install', installBody());
    $('plan').hidden = true;
    showStatus('Installing on ' + $('target').value + ' ...');
    rememberTarget();
  } catch (e) { showError(e); }
}

async function showUpdatePlan() {
  try {
    const p = await api('POST', '/api/update/plan', updateBody());
    const lines = ['Target: ' + p.target.path + (p.target.disk ? ' (disk ' + p.target.name + ')' : ' (image file)'),
      'New boot code and boot partition; the partition table, the data partition and its images stay.',
      'Boot menu on: ' + (p.console || 'as it is'),
      'Secure Boot: ' + ({ keep: 'kept (GRUB signed again with your key)',
        'set-up': 'set up now (shim + GRUB signed with your key; keys made on this computer if missing; the images are approved)',
        none: 'not set up (the stick keeps booting with Secure Boot off only)' }[p.secureBoot] || 'unknown')];
    for (const r of p.refusals) lines.push('REFUSED: ' + r.message + (r.hint ? ' (' + r.hint + ')' : ''));
    $('update-plan-text').textContent = lines.join('\n');
    $('update-plan').hidden = false;
    $('update-confirm-row').hidden = !p.confirmationNeeded;
    $('update-confirm-hint').textContent = p.target.name || '';
    $('update-btn').disabled = p.refusals.length > 0;
    (p.refusals.length ? $('update-plan-btn') : (p.confirmationNeeded ? $('update-confirm-name') : $('update-btn'))).focus();
  } catch (e) { showError(e); }
}

function updateBody() {
  return { target: $('target').value.trim(), console: $('update-console').value, secureBoot: $('update-secure-boot').checked,
    confirm: $('update-confirm-name').value.trim() };
}

async function update() {
  try {
    await api('POST', '/api/update', updateBody());
    $('update-plan').hidden = true;
    showStatus('Updating ' + $('target').value + ' ...');
    rememberTarget();
  } catch (e) { showError(e); }
}

function rememberTarget() {
  state.target = $('target').value.trim();
  sessionStorage.setItem('polyboot-target', state.target);
}

async function openStick() {
  rememberTarget();
  if (!state.target) return;
  await loadImages();
  await loadConfig();
}

async function loadImages() {
  const rows = $('image-rows');
  try {
    let warnings = [];
    const l = await api('GET', '/api/list?target=' + encodeURIComponent(state.target), undefined, (w) => { warnings = w; });
    state.images = l.images;
    rows.textContent = '';
    l.images.forEach((img, i) => {
      const tr = document.createElement('tr');
      tr.className = 'image';
      tr.dataset.path = img.path;
      cell(tr, i + 1, '#');
      cell(tr, img.menuTitle, 'Menu title').className = 'title';
      cell(tr, img.path, 'Path').className = 'path';
      cell(tr, img.family || '—', 'Family').className = 'family';
      cell(tr, img.modes.join(' + ') || '—', 'Boots in').className = 'modes';
      cell(tr, img.route, 'Route').className = 'route';
      cell(tr, human(img.sizeBytes), 'Size');
      const rm = button('Remove', 'remove', () => removeImage(img.path, rm));
      rm.setAttribute('aria-label', 'Remove ' + img.path);
      cell(tr, '').appendChild(rm);
      rows.appendChild(tr);
    });
    if (l.images.length === 0) cell(rows.insertRow(), 'No images on the stick yet.');
    for (const w of warnings) showStatus('warning: ' + w);
    fillImageSelects();
  } catch (e) { rows.textContent = ''; showError(e); }
}

function fillImageSelects() {
  for (const id of ['alias-path', 'default']) {
    const sel = $(id), was = sel.value;
    sel.textContent = '';
    if (id === 'default') sel.add(new Option('(first entry)', ''));
    for (const img of state.images) sel.add(new Option(img.path, img.path));
    if ([...sel.options].some(o => o.value === was)) sel.value = was;
  }
}

async function removeImage(path, btn) {
  if (!btn.classList.contains('armed')) { // a second press confirms: keyboard-friendly, no dialog
    btn.classList.add('armed');
    btn.textContent = 'Really remove?';
    return;
  }
  try {
    await api('POST', '/api/remove', { target: state.target, path });
    showStatus('Removed ' + path);
    await loadImages();
  } catch (e) { showError(e); }
}

/** The list {@code id}: one item per image setting, "PATH SAYS" and a button that takes it back. */
function pathList(id, images, itemClass, says, label, buttonClass, undo) {
  const list = $(id);
  list.textContent = '';
  for (const img of images) {
    const li = document.createElement('li');
    li.className = itemClass;
    li.dataset.path = img.path;
    li.append(img.path + says);
    li.appendChild(button(label, buttonClass, () => undo(img.path)));
    list.appendChild(li);
  }
}

async function loadConfig() {
  try {
    const c = await api('GET', '/api/config?target=' + encodeURIComponent(state.target));
    $('config-view').textContent = JSON.stringify({ timeoutSeconds: c.timeoutSeconds, defaultImage: c.defaultImage, view: c.view, show: c.show, images: c.images }, null, 2);
    state.modes = Object.fromEntries(c.images.filter(i => i.mode).map(i => [i.path, i.mode]));
    $('mode').value = state.modes[$('alias-path').value] || '';
    pathList('hidden-list', c.images.filter(i => i.hidden), 'hidden-image', ' is hidden ', 'Show it in the menu again', 'unhide', unhide);
    pathList('listed-list', c.images.filter(i => i.listed), 'listed-image', ' is listed ', 'Take it off the list', 'unlist', unlist);
    showPasswords(c);
    if (!state.menuEdited) { // a refresh never overwrites what the person is typing
      $('timeout').value = c.timeoutSeconds == null ? '' : c.timeoutSeconds;
      $('default').value = c.defaultImage || '';
      $('view').value = c.view === 'folders' ? 'folders' : '';
      $('show').value = c.show === 'listed' ? 'listed' : '';
    }
  } catch (e) { $('config-view').textContent = ''; showError(e); }
}

/** The password scopes: the whole menu, each image, each folder holding one; and which of them have a password. */
function showPasswords(c) {
  const scope = $('password-scope');
  const was = scope.value;
  const folders = new Set();
  for (const img of state.images || []) {
    const parts = img.path.split('/').slice(1, -1);
    for (let i = 1; i <= parts.length; i++) folders.add('/' + parts.slice(0, i).join('/'));
  }
  const options = [['password', 'The whole menu (user polyboot)']];
  for (const f of [...folders].sort()) options.push(['password.' + f, 'Folder ' + f + '/']);
  for (const img of state.images || []) options.push(['password.' + img.path, 'Image ' + img.path]);
  scope.textContent = '';
  for (const [value, text] of options) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    scope.appendChild(o);
  }
  if (options.some(o => o[0] === was)) scope.value = was;
  const list = $('password-list');
  list.textContent = '';
  const set = [];
  if (c.passwordUser) set.push(['password', 'the whole menu', c.passwordUser]);
  for (const i of c.images.filter(i => i.passwordUser)) set.push(['password.' + i.path, i.path, i.passwordUser]);
  for (const [key, what, user] of set) {
    const li = document.createElement('li');
    li.className = 'password-set';
    li.dataset.key = key;
    li.append(what + ': password set, user name "' + user + '"');
    list.appendChild(li);
  }
}

async function savePassword() {
  const key = $('password-scope').value;
  const password = $('password').value;
  if (!key) return;
  if (!password) { showError({ error: 'type a password first', hint: 'Remove password takes one away' }); return; }
  try {
    await api('POST', '/api/config/password', { target: state.target, key, password });
    $('password').value = '';
    showStatus('Password set for ' + $('password-scope').selectedOptions[0].textContent);
    await loadConfig();
  } catch (e) { showError(e); }
}

async function removePassword() {
  const key = $('password-scope').value;
  if (!key) return;
  try {
    await setConfig(key, '');
    showStatus('Password removed for ' + $('password-scope').selectedOptions[0].textContent);
    await loadConfig();
  } catch (e) { showError(e); }
}

async function setConfig(key, value) {
  await api('POST', '/api/config', { target: state.target, key, value });
}

/** One setting of the image chosen in the editor ("alias", "hidden", ...), then the page shows what the stick now holds. */
async function setImageSetting(key, value, message) {
  const path = $('alias-path').value;
  if (!path) return;
  try {
    await setConfig(key + '.' + path, value);
    await loadImages();
    await loadConfig();
    showStatus(message(path));
  } catch (e) { showError(e); }
}

const saveAlias = () => setImageSetting('alias', $('alias').value, p => 'Menu title of ' + p + ' saved');
const hideImage = () => setImageSetting('hidden', 'true', p => p + ' is hidden from the menu');
const saveMode = () => setImageSetting('mode', $('mode').value, p => 'How ' + p + ' boots is saved');
const listImage = () => setImageSetting('listed', 'true', p => p + ' is listed');

async function unlist(path) {
  try {
    await setConfig('listed.' + path, '');
    showStatus(path + ' is no longer listed');
    await loadImages();
    await loadConfig();
  } catch (e) { showError(e); }
}

async function unhide(path) {
  try {
    await setConfig('hidden.' + path, '');
    showStatus(path + ' is in the menu again');
    await loadImages();
    await loadConfig();
  } catch (e) { showError(e); }
}

async function saveMenu() {
  try {
    // "all" first and "listed" last: the default must be shown at every step
    if (!$('show').value) await setConfig('show', '');
    await setConfig('timeout', $('timeout').value);
    await setConfig('default', $('default').value);
    await setConfig('view', $('view').value);
    if ($('show').value) await setConfig('show', $('show').value);
    state.menuEdited = false;
    await loadImages();
    await loadConfig();
    showStatus('Timeout, default and layout saved'); // after the page shows what the stick now holds
  } catch (e) { showError(e); }
}

/** Sends the files one after the other, each its own add job; the next starts when the stick answered the last. */
async function uploadAll(files) {
  files = [...(files || [])];
  if (!files.length) { showError({ error: 'choose a file first' }); return; }
  if (!state.target) rememberTarget();
  const busy = [...state.jobs.values()].find(j => j.state === 'running' && j.target === state.target);
  if (busy) { // the server would refuse it too, but only after the browser started sending the file
    showError({ error: 'refused: another job is using ' + state.target + ' (' + busy.kind + ': ' + busy.title + ')',
      hint: 'wait for it to finish; its progress is shown on the page' });
    return;
  }
  for (let i = 0; i < files.length; i++) {
    const of = files.length > 1 ? ' (' + (i + 1) + ' of ' + files.length + ')' : '';
    if (!await upload(files[i], of) && i + 1 < files.length) {
      showStatus('Stopped after ' + files[i].name + ': ' + (files.length - i - 1) + ' file(s) not sent');
      return;
    }
  }
}

/** One file streamed to /api/add; resolves true when the stick took it. */
function upload(file, of) {
  return new Promise((resolve) => {
    const q = new URLSearchParams({ target: state.target, name: file.name, to: $('to').value || '/', force: $('add-force').checked });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/add?' + q);
    xhr.setRequestHeader('X-Polyboot-Token', state.token);
    xhr.onload = () => {
      if (xhr.status === 200) { resolve(true); return; } // the job's end is shown from its events
      try { showError(JSON.parse(xhr.responseText)); } catch (e) { showError({ error: 'upload failed: HTTP ' + xhr.status }); }
      resolve(false);
    };
    xhr.onerror = () => { showError({ error: 'upload of ' + file.name + ' failed (connection lost)' }); resolve(false); };
    xhr.send(file); // the browser streams the file; the server writes it onto the stick as it comes
    showStatus('Sending ' + file.name + of + ' (' + human(file.size) + ') ...');
  });
}

async function importVentoy() {
  const file = $('ventoy-file').files[0];
  if (!file) { showError({ error: 'choose a ventoy.json first' }); return; }
  if (!state.target) rememberTarget();
  try {
    const r = await fetch('/api/config/import?' + new URLSearchParams({ target: state.target }), {
      method: 'POST', headers: { 'X-Polyboot-Token': state.token, 'Content-Type': 'application/json' }, body: file
    });
    const report = await r.json().catch(() => ({ error: 'HTTP ' + r.status }));
    if (!r.ok) throw report;
    $('import-result').textContent = ['Converted:', ...report.converted.map(c => '  ' + c),
      'Not converted:', ...(report.unconverted.length ? report.unconverted.map(u => '  ' + u.key + ': ' + u.why) : ['  nothing']),
      ...(report.notes.length ? ['Notes:', ...report.notes.map(n => '  ' + n)] : [])].join('\n');
    showStatus('Imported ' + file.name + ': ' + report.converted.length + ' setting(s), ' + report.unconverted.length + ' not converted');
    await loadImages();
    await loadConfig();
  } catch (e) { $('import-result').textContent = ''; showError(e); }
}

function inspect() {
  const file = $('inspect-file').files[0];
  if (!file) { showError({ error: 'choose a file to inspect first' }); return; }
  $('inspect-result').textContent = 'reading ' + file.name + ' ...';
  fetch('/api/inspect?' + new URLSearchParams({ name: file.name, format: 'text' }), {
    method: 'POST', headers: { 'X-Polyboot-Token': state.token }, body: file
  }).then(async (r) => {
    if (!r.ok) throw await r.json().catch(() => ({ error: 'HTTP ' + r.status }));
    $('inspect-result').textContent = await r.text();
  }).catch((e) => { $('inspect-result').textContent = ''; showError(e); });
}

async function verify() {
  try {
    await api('POST', '/api/verify', { target: state.target || $('target').value.trim(), full: $('verify-full').checked });
    $('verify-result').textContent = 'verifying ...';
  } catch (e) { showError(e); }
}

function jobText(j) {
  const parts = [j.phase];
  if (j.percent != null) parts.push(j.percent + ' %');
  if (j.bytesPerSecond) parts.push(human(j.bytesPerSecond) + '/s');
  if (j.etaSeconds != null) parts.push('about ' + j.etaSeconds + ' s left');
  return parts.join(' · ');
}

function renderJob(j) {
  const prev = state.jobs.get(j.id);
  state.jobs.set(j.id, j);
  let box = document.querySelector('.job[data-id="' + j.id + '"]');
  const container = $('jobs');
  const none = container.querySelector('.none');
  if (none) none.remove();
  if (!box) {
    box = document.createElement('div');
    box.dataset.id = j.id;
    box.innerHTML = '<div><strong class="job-title"></strong> <span class="job-state"></span></div>'
      + '<progress max="100"></progress><div class="job-text" aria-live="polite"></div><div class="job-error"></div>';
    container.prepend(box);
  }
  box.className = 'job ' + j.state;
  box.dataset.state = j.state;
  box.dataset.target = j.target;
  box.dataset.title = j.title;
  box.querySelector('.job-title').textContent = j.title;
  box.querySelector('.job-state').textContent = j.state;
  const bar = box.querySelector('progress');
  const pct = j.state === 'done' ? 100 : j.percent;
  if (pct == null) bar.removeAttribute('value'); else bar.value = pct;
  box.dataset.percent = pct == null ? '' : pct;
  box.querySelector('.job-text').textContent = j.state === 'done' ? 'finished' : jobText(j);
  box.querySelector('.job-error').textContent = j.error ? j.error + (j.hint ? ' (' + j.hint + ')' : '') : '';
  // running jobs always, finished ones only the last few: the page stays short
  [...container.querySelectorAll('.job:not(.running)')].slice(4).forEach(el => el.remove());
  const finishedNow = j.state !== 'running' && (!prev || prev.state === 'running');
  if (finishedNow && prev) onJobFinished(j);
}

function onJobFinished(j) {
  if (j.state === 'failed') { showError({ error: j.title + ': ' + j.error, hint: j.hint }); }
  else if (j.kind === 'add' && j.result && j.result.added && j.result.added[0] && j.result.added[0].catalogue) {
    const c = j.result.added[0].catalogue;
    showStatus(j.title + ': done. ' + (c.title || '') + ': ' + (c.reason || ''));
  } else showStatus(j.title + ': done');
  if (j.kind === 'verify' && j.result) {
    $('verify-result').textContent = (j.result.ok ? 'OK' : 'PROBLEMS') + '\n'
      + j.result.findings.map(f => f.severity + ': ' + f.message).join('\n');
  }
  if (state.target && j.target && (j.kind === 'install' || j.kind === 'add' || j.kind === 'update')) { loadImages(); loadConfig(); }
}

function follow() {
  const es = new EventSource('/api/events?token=' + encodeURIComponent(state.token));
  es.addEventListener('jobs', (ev) => { for (const j of JSON.parse(ev.data)) renderJob(j); });
  es.addEventListener('job', (ev) => renderJob(JSON.parse(ev.data)));
  es.onerror = () => { if (es.readyState === EventSource.CLOSED) showError({ error: 'lost the connection to polyboot web' }); };
}

function wire() {
  $('open-btn').addEventListener('click', openStick);
  $('target').addEventListener('keydown', (e) => { if (e.key === 'Enter') openStick(); });
  $('plan-btn').addEventListener('click', showPlan);
  $('install-btn').addEventListener('click', install);
  $('update-plan-btn').addEventListener('click', showUpdatePlan);
  $('update-btn').addEventListener('click', update);
  $('upload-btn').addEventListener('click', () => uploadAll($('file').files));
  $('alias-save').addEventListener('click', saveAlias);
  $('hide-btn').addEventListener('click', hideImage);
  $('list-btn').addEventListener('click', listImage);
  $('mode-save').addEventListener('click', saveMode);
  $('menu-save').addEventListener('click', saveMenu);
  $('password-save').addEventListener('click', savePassword);
  $('password-remove').addEventListener('click', removePassword);
  for (const id of ['timeout', 'default', 'view', 'show']) $(id).addEventListener('input', () => { state.menuEdited = true; });
  $('import-btn').addEventListener('click', importVentoy);
  $('verify-btn').addEventListener('click', verify);
  $('inspect-btn').addEventListener('click', inspect);
  $('alias-path').addEventListener('change', () => {
    const img = state.images.find(i => i.path === $('alias-path').value);
    $('alias').value = '';
    if (img) $('alias').placeholder = img.menuTitle;
    $('mode').value = (state.modes || {})[$('alias-path').value] || '';
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); uploadAll(e.dataTransfer.files); });
}

document.addEventListener('DOMContentLoaded', () => {
  state.token = takeToken();
  wire();
  if (!state.token) { showError({ error: 'no token: open the whole address polyboot web printed, including ?token=...' }); return; }
  follow();
  loadDrives();
  const t = sessionStorage.getItem('polyboot-target');
  if (t) { $('target').value = t; openStick(); }
});
