/* The site's additions to Decap CMS, loaded after decap-cms.js (no inline script: the CSP allows none). */
(function () {
  var CMS = window.CMS;

  // 1. Chinese UI: zh_Hans of decap-cms-locales 3.x lacks 47 of the 248 English phrases (they fall back to
  //    English: decap-cms-core/src/lib/phrases.js merges en under the locale). Fill the ones a teacher meets,
  //    and make pattern errors show our own message instead of "“字段”不满足模式<message>".
  var zh = CMS.getLocale('zh_Hans');
  var w = zh.editor.editorControlPane.widget;
  w.regexPattern = '%{fieldLabel}：%{pattern}';
  w.rangeMin = '“%{fieldLabel}”至少要有 %{minCount} 项';
  w.rangeMax = '“%{fieldLabel}”最多只能有 %{maxCount} 项';
  w.rangeCount = '“%{fieldLabel}”要有 %{minCount}—%{maxCount} 项';
  var ew = zh.editor.editorWidgets;
  ew.markdown.toggleMode = { rich: '切换到可视化编辑', markdown: '切换到 Markdown 源码' };
  ew.markdown.strikethrough = '删除线';
  ew.image.chooseMultiple = '选择图片';
  ew.image.addMore = '添加更多图片';
  ew.image.removeAll = '移除全部图片';
  ew.file.chooseMultiple = '选择文件';
  ew.file.addMore = '添加更多文件';
  ew.file.removeAll = '移除全部文件';
  ew.datetime.setToNow = '设为今天';
  ew.list.addType = '添加%{item}';
  ew.object = { expand: '展开', collapse: '收起' };
  zh.collection.entries.unpublishedHeader = '未发布的稿件';
  zh.editor.editorToolbar.statusInfoTooltipDraft = '稿件状态为草稿。写好后请把状态改为“审核中”提交审核';
  zh.editor.editorToolbar.statusInfoTooltipInReview = '稿件正在审核，无需其他操作；审核期间仍可继续修改。';
  zh.mediaLibrary.mediaLibraryModal.close = '关闭';
  zh.workflow.workflow.dateFormat = 'M月D日'; // 'MMMM D' printed "December 8" (dayjs has no zh locale loaded)
  // aria-labels (screen readers)
  zh.editor.editorControl.field.widgetLabel = '%{widgetLabel}字段';
  zh.collection.collectionTop.viewAsList = '列表视图';
  zh.collection.collectionTop.viewAsGrid = '网格视图';
  zh.ui.settingsDropdown.account = '账户菜单';
  CMS.registerLocale('zh_Hans', zh);

  // 2. Preview: the item as its page will show it, in the site's own styles (Material's and ours, hashed names given
  //    by index.html) inside the preview frame: the meta block, the 摘要 box, the body, the pictures.
  var script = document.currentScript;
  (script.getAttribute('data-preview-styles') || '').split(' ').filter(Boolean).forEach(function (href) {
    CMS.registerPreviewStyle(new URL(href, script.src).href);
  });
  var h = window.h;
  function optionLabel(collection, name, value) {
    var field = collection.get('fields').find(function (f) { return f.get('name') === name; });
    var options = field && field.get('options');
    var found = options && options.find(function (o) { return o.get && o.get('value') === value; });
    return found ? found.get('label') : value;
  }
  function list(value) { return value && value.toArray ? value.toArray() : value ? [value] : []; }
  function metaLine(label, value) { return value ? h('li', {}, h('strong', {}, label + '：'), value) : null; }
  function itemMeta(props) {
    var entry = props.entry, get = function (k) { return entry.getIn(['data', k]); };
    var speaker = get('speaker');
    var speakerText = speaker && speaker.get ? [speaker.get('name'), speaker.get('role')].filter(Boolean).join('，') : '';
    var people = [get('author') && '撰稿：' + get('author'), get('reviewed_by') && '审核：' + get('reviewed_by')];
    return h('div', { className: 'item-meta' }, h('ul', {},
      metaLine('类型', [get('case_type') || get('kind') || (get('format') && get('format') + '微党课')]
        .concat(list(get('category'))).concat(get('topic') ? [get('topic')] : []).filter(Boolean).join(' · ')),
      metaLine('主讲', speakerText),
      metaLine('单位', get('unit') && optionLabel(props.collection, 'unit', get('unit'))),
      metaLine('发文单位', get('issuer')),
      metaLine('文号', get('doc_number')),
      metaLine('日期', get('date')),
      metaLine('时长', get('duration')),
      metaLine('标签', list(get('tags')).join('、')),
      people.filter(Boolean).length ? h('li', {}, people.filter(Boolean).join('　')) : null,
      metaLine('违反规定', list(get('violated')).join('；'))));
  }
  var ItemPreview = window.createClass({
    render: function () {
      var props = this.props, entry = props.entry, get = function (k) { return entry.getIn(['data', k]); };
      var images = list(get('images'));
      return h('div', { className: 'md-content', dir: 'ltr' }, h('article', { className: 'md-content__inner md-typeset' },
        h('h1', {}, get('title') || '（未填标题）'),
        itemMeta(props),
        get('summary') ? h('div', { className: 'admonition abstract' },
          h('p', { className: 'admonition-title' }, '摘要'), h('p', {}, get('summary'))) : null,
        h('div', { className: 'item-body' }, props.widgetFor('body')),
        images.map(function (image, i) {
          var src = image.get('src'), asset = src ? props.getAsset(src) : null;
          return h('figure', { key: i }, asset ? h('img', { src: asset.toString(), alt: image.get('caption') || '' }) : null,
            h('figcaption', {}, image.get('caption')));
        })));
    },
  });
  var PlanPreview = window.createClass({
    render: function () {
      var props = this.props, get = function (k) { return props.entry.getIn(['data', k]); };
      return h('div', { className: 'md-content', dir: 'ltr' }, h('article', { className: 'md-content__inner md-typeset' },
        h('h1', {}, (get('period') || '') + ' 学习计划 · ' + optionLabel(props.collection, 'unit', get('unit') || '')),
        get('theme') ? h('p', {}, h('strong', {}, '年度主题：'), get('theme')) : null,
        list(get('months')).map(function (month, i) {
          return h('section', { key: i },
            h('h2', {}, (month.get('month') || '') + '　' + (month.get('theme') || '')),
            month.get('skip') ? h('p', {}, '本月不安排活动：' + month.get('skip')) : null,
            h('table', {}, h('thead', {}, h('tr', {}, ['日期', '活动类型', '活动内容', '形式', '状态'].map(function (t) {
              return h('th', { key: t }, t); }))),
              h('tbody', {}, list(month.get('items')).map(function (item, j) {
                return h('tr', { key: j }, h('td', {}, item.get('date')), h('td', {}, item.get('kind')),
                  h('td', {}, item.get('title')), h('td', {}, list(item.get('forms')).join('、')),
                  h('td', {}, item.get('status') || '计划'));
              }))));
        })));
    },
  });
  ['cases-work', 'cases-exemplary', 'cases-warning', 'lessons-video', 'lessons-audio', 'lessons-text', 'materials']
    .forEach(function (name) { CMS.registerPreviewTemplate(name, ItemPreview); });
  CMS.registerPreviewTemplate('plans', PlanPreview);

  // 3. Widget `lx-slug`: the file name (英文短名) is asked only when the entry is new. Decap has no
  //    "required only on create" and an existing file's slug is not in its front matter (it is the file
  //    name), so the field is `required: false` in config.yml and this control enforces it for new entries
  //    (Widget.validateWrappedControl calls the control's isValid()). `pattern` in config.yml checks the form.
  var SlugControl = window.createClass({
    entry: function () { return this.props.getEntry ? this.props.getEntry() : this.props.entry; },
    isNew: function () { var e = this.entry(); return !e || !e.get('path'); },
    isValid: function () {
      if (this.isNew() && !this.props.value) {
        return { error: { type: 'PRESENCE', message: '请填写“' + this.props.field.get('label') + '”' } };
      }
      return true;
    },
    render: function () {
      var p = this.props;
      if (!this.isNew()) {
        var path = this.entry().get('path') || '';
        return h('div', { id: p.forID, className: p.classNameWrapper, style: { color: '#798291' } },
          path.split('/').pop().replace(/\.[^.]+$/, '') + '（已有稿件的文件名不能在这里修改）');
      }
      return h('input', {
        type: 'text', id: p.forID, className: p.classNameWrapper, value: p.value || '',
        autoCapitalize: 'off', autoCorrect: 'off', spellCheck: false, inputMode: 'url',
        onChange: function (e) { p.onChange(e.target.value.trim()); },
        onFocus: p.setActiveStyle, onBlur: p.setInactiveStyle,
      });
    },
  });
  CMS.registerWidget('lx-slug', SlugControl, window.createClass({
    render: function () { return h('span', {}, this.props.value || ''); },
  }));

  // 4. `path: "{{year}}/{{slug}}"` takes the UTC year of the date read as local midnight
  //    (decap-cms-lib-widgets stringTemplate.ts dateParsers use getUTCFullYear): in China (UTC+8) a new entry
  //    dated 1 January would be filed under the year before. Refuse that one case with an explanation; once an
  //    entry exists its path no longer changes, so the date can then be set back to 1 January.
  CMS.registerEventListener({
    name: 'preSave',
    handler: function (args) {
      var e = args.entry;
      if (e.get('path') || !/^(cases|lessons)-/.test(e.get('collection'))) return;
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(e.getIn(['data', 'date']) || '');
      if (m && new Date(+m[1], +m[2] - 1, +m[3]).getUTCFullYear() !== +m[1]) {
        throw new Error('1 月 1 日的新稿件会被放进上一年的文件夹。请先把日期改成 1 月 2 日保存一次，再改回 1 月 1 日保存');
      }
    },
  });

  // 5. Upload names: Decap names an upload sanitizeSlug(file.name.toLowerCase(), config.slug) (decap-cms-core
  //    actions/mediaLibrary.ts); with slug.encoding ascii "照片.jpg" becomes ".jpg" (a hidden file, and every
  //    such photo overwrites the last) and "微信图片_1.JPG" "_1.jpg". Rename files whose name is not already
  //    plain ASCII before React sees the <input type=file> change (capture listener on document runs first).
  document.addEventListener('change', function (ev) {
    var input = ev.target;
    if (!input || input.type !== 'file' || !input.files || !input.files.length) return;
    var renamed = false, dt = new DataTransfer();
    Array.prototype.forEach.call(input.files, function (f, i) {
      var m = /^(.*?)(\.[A-Za-z0-9]+)?$/.exec(f.name), base = m[1], ext = (m[2] || '').toLowerCase();
      if (/^[a-z0-9][a-z0-9-]*$/.test(base.toLowerCase())) { dt.items.add(f); return; }
      var d = new Date(f.lastModified || Date.now()), pad = function (n) { return ('0' + n).slice(-2); };
      var rnd = Math.random().toString(36).slice(2, 6); // two uploads in one second must not share a name
      var name = 'photo-' + d.getFullYear() + pad(d.getMonth() + 1) + pad(d.getDate()) + '-' + pad(d.getHours()) +
        pad(d.getMinutes()) + pad(d.getSeconds()) + '-' + rnd + ext;
      dt.items.add(new File([f], name, { type: f.type, lastModified: f.lastModified }));
      renamed = true;
    });
    if (renamed) input.files = dt.files;
  }, true);

  // The local backend (`make cms`: decap-server behind the page's own server, build_tools/tools/cms.py) answers at
  // this origin; Decap wants an absolute address, which config.yml cannot know. Decap uses it only on 127.0.0.1
  // and localhost, and only when it answers there; elsewhere the Git host of config.yml is used.
  CMS.init({ config: { local_backend: { url: new URL('/api/v1', location.href).href } } });
})();
