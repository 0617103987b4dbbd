/*
 * vndoc serve: the page's script.  Plain JavaScript, no framework, no
 * request to another host.  It drives the JSON API of README "### HTTP API":
 * step 1 creates a campaign from the data (or unit list) and downloads the
 * plan and the blank forms, step 2 uploads the returned forms and shows
 * every unit's state, step 3 downloads the summary.  Text coming from the
 * server is only ever put in the page as text (textContent), never as HTML.
 */
'use strict';

(function () {
	var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
	var current = null;       /* the campaign shown (GET /api/campaigns/ID) */
	var events = null;        /* its EventSource */
	var refreshTimer = 0;
	var UPLOAD_FILES = 200;   /* forms per request: under the server's 500 */
	var UPLOAD_BYTES = 100 * 1024 * 1024; /* bytes per request: under its 200 MiB */

	function $(id) { return document.getElementById(id); }

	function el(tag, text, cls) {
		var e = document.createElement(tag);
		if (text !== undefined && text !== null)
			e.textContent = String(text);
		if (cls)
			e.className = cls;
		return e;
	}

	/* ---- what the messages mean, in Vietnamese -------------------------
	 * The messages come from vndoc's readers (collect, check, the data
	 * readers), in English, naming file, row and column.  Each known kind
	 * gets a line in Vietnamese saying what it means and what to do; the
	 * guide (docs/huong-dan-su-dung.md) lists the same. */
	var HINTS = [
		/* the server's own */
		[/X-CSRF-Token/, 'Trang đã cũ (vndoc serve đã khởi động lại). Hãy tải lại trang (phím F5).'],
		[/access token/, 'Cần mở trang bằng đường dẫn có mã truy cập (token) mà vndoc serve in ra.'],
		[/^busy/, 'Máy đang bận với việc khác. Đợi ít phút rồi thử lại.'],
		[/larger than the limit|more than \d+ files|longer than \d+/, 'Quá lớn: mỗi tệp tối đa 20 MB, mỗi lần gửi tối đa 500 tệp và 200 MB. Gửi làm nhiều lần.'],
		[/keeps at most/, 'Đợt này đã nhận quá nhiều biểu. Tạo đợt mới cho các biểu còn lại.'],
		[/campaigns: remove some/, 'Đã có quá nhiều đợt. Xóa các đợt cũ không dùng nữa.'],
		[/missing the part|not multipart/, 'Chưa chọn tệp nào để gửi. Chọn tệp rồi thử lại.'],
		[/not a data file/, 'Chỉ nhận dữ liệu dạng .csv, .xlsx hoặc .json.'],
		[/registers nothing \(a unit list\)/, 'Dữ liệu chỉ là danh sách đơn vị, chưa có đăng ký nào: chỉ tải được biểu trống.'],
		[/not in the campaign's list/, 'Tên đơn vị trong biểu không có trong danh sách của đợt. Kiểm tra tên ở đầu biểu (gõ sai, hoặc biểu của đợt khác).'],
		[/does not name its unit/, 'Biểu không ghi tên đơn vị. Đề nghị đơn vị ghi tên ở đầu biểu hoặc trong câu “…, <tên đơn vị> đăng ký thực hiện như sau”.'],
		[/no preview/, 'Không vẽ được trang đầu của biểu này; nội dung vẫn được đọc. Mở biểu bằng Word để xem.'],
		[/was not made|cannot (read|write|keep|make)|internal error/, 'Lỗi trên máy chạy vndoc serve (đĩa đầy, không ghi được?). Báo cho người quản trị máy.'],
		/* the readers' (collect, check, data) */
		[/Word 97-2003|\(\.doc\)/, 'Tệp Word cũ (.doc). Mở tệp bằng Word, chọn Lưu thành (Save As) “Word Document (*.docx)” rồi thả lại tệp .docx.'],
		[/a PDF/, 'Tệp PDF, không phải biểu Word. Đề nghị đơn vị gửi tệp .docx đã in.'],
		[/a picture/, 'Ảnh chụp hoặc bản quét, không phải biểu Word. Đề nghị đơn vị gửi tệp .docx.'],
		[/RTF/, 'Tệp RTF. Mở bằng Word, lưu thành “Word Document (*.docx)” rồi thả lại.'],
		[/the file is empty/, 'Tệp rỗng (0 byte). Đề nghị đơn vị gửi lại.'],
		[/no registration table/, 'Không thấy bảng đăng ký (các cột Stt, Đơn vị / Họ và tên, Điển hình thuộc lĩnh vực…). Có thể đơn vị gửi nhầm văn bản, hoặc đã xóa bảng; đề nghị gửi lại đúng biểu.'],
		[/not a registration form/, 'Không phải biểu đăng ký (có thể là kế hoạch, bảng tổng hợp hay văn bản khác). Kiểm tra lại tệp.'],
		[/no unit named/, 'Biểu không ghi tên đơn vị. Đề nghị đơn vị ghi tên ở đầu biểu hoặc trong câu “…, <tên đơn vị> đăng ký thực hiện như sau”.'],
		[/registers nothing/, 'Biểu còn trống: chưa đăng ký tập thể hay cá nhân nào. Đề nghị đơn vị điền và gửi lại.'],
		[/a second form of/, 'Đơn vị này đã gửi một biểu khác. Biểu nhận sau thay cho biểu trước; kiểm tra xem biểu nào đúng.'],
		[/under no column of the form/, 'Có chữ nằm ngoài các cột của biểu nên không được lấy. Mở biểu kiểm tra bảng (có thể đơn vị thêm cột).'],
		[/is not a field of/, 'Ô có nội dung mà bảng này không có cột tương ứng (ví dụ Địa chỉ trong bảng cá nhân) nên không được lấy.'],
		[/so the row is not taken/, 'Dòng có nội dung nhưng thiếu tên (Đơn vị / Họ và tên) nên không được lấy. Đề nghị đơn vị điền tên.'],
		[/does not split into/, 'Cột “Chức vụ; đơn vị công tác; nơi cư trú” không tách được thành ba phần bằng dấu “;”: cả đoạn được ghi vào Chức vụ. Kiểm tra lại trong bảng tổng hợp.'],
		[/legacy font/, 'Chữ gõ bằng phông cũ (TCVN3 hoặc VNI) đã được chuyển sang Unicode. Nên đọc lại ô này.'],
		[/merged with the row above/, 'Ô gộp với dòng trên: nội dung được lấy cho cả dòng này. Nên kiểm tra lại.'],
		[/spans the columns/, 'Một ô trải qua hai cột: nội dung được lấy cho cột đầu. Nên kiểm tra lại.'],
		[/control character/, 'Đã bỏ các ký tự điều khiển lạ trong ô. Không cần làm gì.'],
		[/names no unit: the heading/, 'Câu “… đăng ký thực hiện như sau” không ghi tên đơn vị: lấy tên ở đầu biểu.'],
		[/vMerge|merged down/, 'Biểu có ô gộp quá lớn, không đọc được. Đề nghị đơn vị gửi lại đúng mẫu.'],
		[/is registered twice/, 'Tên này được đăng ký hai lần. Liên hệ các đơn vị để giữ một.'],
		[/exactly one/, 'Kế hoạch yêu cầu mỗi đơn vị đăng ký đúng một tập thể.'],
		[/no individual/, 'Kế hoạch yêu cầu mỗi đơn vị đăng ký ít nhất một cá nhân.'],
		[/after the deadline/, 'Ngày đăng ký sau hạn đăng ký của kế hoạch.'],
		[/is not a date/, 'Ngày không đúng dạng ngày (ví dụ 25/7/2024), nên không kiểm tra được hạn.'],
		[/has no name/, 'Đơn vị chưa có tên.'],
		[/the unit is empty/, 'Dòng này chưa ghi đơn vị (cột “Đơn vị đăng ký”). Điền tên đơn vị cho mọi dòng.'],
		[/the name is empty/, 'Dòng này chưa có tên tập thể / họ và tên. Điền tên hoặc xóa dòng.'],
		[/neither "Tập thể" nor "Cá nhân"/, 'Cột “Loại” chỉ nhận “Tập thể” hoặc “Cá nhân”.'],
		[/differs from .* given for this unit/, 'Thông tin chung của đơn vị (cơ quan cấp trên, ngày, số…) khác nhau giữa các dòng của cùng đơn vị. Sửa cho giống nhau.'],
		[/no column .* in the header/, 'Hàng tiêu đề thiếu cột đã nêu. Dùng đúng tên cột như tệp mẫu samples/lai-chau.csv.'],
		[/quoted field|closing quote/, 'Tệp CSV có dấu ngoặc kép (") không khớp ở dòng đã nêu. Mở bằng Excel, lưu lại thành “CSV UTF-8”.'],
		[/ is empty$/, 'Ô bắt buộc còn trống. Đề nghị đơn vị bổ sung.'],
		[/no list of units|no header row/, 'Tệp dữ liệu không có danh sách đơn vị: cần cột “Đơn vị đăng ký” (CSV, XLSX) hoặc “don_vi” (JSON).'],
		[/UTF-8|Windows-1258|UTF-16|NUL byte/, 'Bảng mã của tệp CSV không đọc được. Trong Excel, lưu thành “CSV UTF-8”.'],
		[/invalid JSON/, 'Tệp JSON viết sai cú pháp ở dòng, cột đã nêu.'],
		[/unknown data format|must be \.json/, 'Chỉ nhận dữ liệu dạng .csv, .xlsx hoặc .json.'],
		[/no sheet|workbook/, 'Tệp Excel không có trang tính đọc được. Mở bằng Excel và lưu lại dạng .xlsx.'],
		[/zip|archive|unsafe part|this part|not a Word document|document\.xml/i, 'Tệp hỏng hoặc không phải tệp Word (.docx). Đề nghị đơn vị mở lại bằng Word, lưu và gửi lại.']
	];

	function hint(message) {
		for (var i = 0; i < HINTS.length; i++)
			if (HINTS[i][0].test(message))
				return HINTS[i][1];
		return '';
	}

	var STATUS_HINTS = {
		0: 'Không kết nối được với vndoc serve. Kiểm tra cửa sổ lệnh chạy vndoc serve còn mở không, rồi tải lại trang.',
		401: 'Cần mở trang bằng đường dẫn có mã truy cập (token) mà vndoc serve in ra.',
		403: 'Trang đã cũ (vndoc serve đã khởi động lại). Hãy tải lại trang (phím F5).',
		404: 'Không tìm thấy: đợt đăng ký có thể đã bị xóa. Tải lại trang.',
		413: 'Tệp quá lớn hoặc quá nhiều tệp một lần (mỗi tệp tối đa 20 MB).',
		503: 'Máy đang bận với việc khác. Đợi ít phút rồi thử lại.'
	};

	/* Vietnamese names of the tables and fields in the messages. */
	var TABLES = { tap_the: 'Tập thể', ca_nhan: 'Cá nhân' };
	var FIELDS = {
		ten: 'Tên tập thể', ho_ten: 'Họ và tên', dia_chi: 'Địa chỉ', nguoi_dung_dau: 'Người đứng đầu',
		chuc_vu: 'Chức vụ', don_vi_cong_tac: 'Đơn vị công tác', noi_cu_tru: 'Nơi cư trú',
		linh_vuc: 'Điển hình thuộc lĩnh vực', giai_phap: 'Các giải pháp', ghi_chu: 'Ghi chú',
		ngay: 'Ngày', thang: 'Tháng', nam: 'Năm', so: 'Số', tap_the: 'Tập thể', ca_nhan: 'Cá nhân',
		han_dang_ky: 'Hạn đăng ký', don_vi: 'Đơn vị'
	};

	function tableName(t) {
		if (!t)
			return '';
		return TABLES[t] || t;
	}

	function columnName(c) {
		if (c === undefined || c === null || c === '' || c === 0)
			return '';
		if (typeof c === 'number')
			return 'cột ' + c;
		var key = String(c).replace(/^.*[.\]]/, '');
		return FIELDS[key] || String(c);
	}

	/* ---- messages and errors -------------------------------------------- */
	function say(text, kind) {
		var m = $('message');
		m.textContent = '';
		m.hidden = !text;
		m.className = 'message ' + (kind || 'error');
		if (!text)
			return;
		m.appendChild(el('span', text));
		var close = el('button', 'Đóng', 'quiet');
		close.type = 'button';
		close.addEventListener('click', function () { say(''); });
		m.appendChild(close);
	}

	function errorText(status, body) {
		var msg = body && body.error ? body.error : '';
		var why = STATUS_HINTS[status] || '';
		var h = msg ? hint(msg) : '';
		return [msg, h || why].filter(Boolean).join(' · ') || ('Lỗi ' + status);
	}

	function api(method, url, body) {
		var opts = { method: method, credentials: 'same-origin', headers: {} };
		if (method !== 'GET')
			opts.headers['X-CSRF-Token'] = csrf;
		if (body)
			opts.body = body;
		return fetch(url, opts).catch(function () {
			throw new Error(STATUS_HINTS[0]);
		}).then(function (res) {
			return res.text().then(function (text) {
				var data = null;
				try { data = text ? JSON.parse(text) : {}; } catch (e) { data = null; }
				if (!res.ok)
					throw new Error(errorText(res.status, data));
				return data;
			});
		});
	}

	/* ---- steps ------------------------------------------------------------ */
	var STEPS = ['chuan-bi', 'thu-nhan', 'tong-hop'];

	function showStep() {
		var want = location.hash.replace('#', '');
		if (STEPS.indexOf(want) < 0)
			want = 'chuan-bi';
		STEPS.forEach(function (s) {
			$(s).hidden = s !== want;
			var tab = $('tab-' + s);
			if (s === want)
				tab.setAttribute('aria-current', 'step');
			else
				tab.removeAttribute('aria-current');
		});
	}

	/* ---- campaigns -------------------------------------------------------- */
	function campaignUrl(tail) {
		return '/api/campaigns/' + encodeURIComponent(current.id) + (tail || '');
	}

	function dateText(iso) {
		if (!iso)
			return '';
		var d = new Date(iso);
		if (isNaN(d.getTime()))
			return iso;
		function two(n) { return (n < 10 ? '0' : '') + n; }
		return two(d.getHours()) + ':' + two(d.getMinutes()) + ' ' + two(d.getDate()) + '/' + two(d.getMonth() + 1) +
			'/' + d.getFullYear();
	}

	function optionText(name, received, units, created) {
		return name + ' (' + (received || 0) + '/' + (units || 0) + ' đã nhận, tạo ' + dateText(created) + ')';
	}

	function loadList(select) {
		return api('GET', '/api/campaigns').then(function (data) {
			var sel = $('campaign-select');
			var list = (data && data.campaigns) || [];
			while (sel.options.length > 1)
				sel.remove(1);
			list.forEach(function (c) {
				var o = el('option', optionText(c.name, c.received, c.units, c.created));
				o.value = c.id;
				sel.appendChild(o);
			});
			var want = select !== undefined ? select : (localStorage.getItem('vndoc.campaign') || '');
			if (want && !list.some(function (c) { return c.id === want; }))
				want = list.length ? list[0].id : '';
			sel.value = want;
			return want;
		});
	}

	function choose(id) {
		if (events) {
			events.close();
			events = null;
		}
		$('detail').hidden = true;
		if (!id) {
			current = null;
			localStorage.removeItem('vndoc.campaign');
			render();
			return Promise.resolve();
		}
		localStorage.setItem('vndoc.campaign', id);
		return api('GET', '/api/campaigns/' + encodeURIComponent(id)).then(function (c) {
			current = c;
			render();
			listen();
		});
	}

	function refresh() {
		if (!current)
			return Promise.resolve();
		return api('GET', campaignUrl()).then(function (c) {
			current = c;
			var o = $('campaign-select').selectedOptions[0];
			if (o && o.value === c.id)
				o.textContent = optionText(c.name, (c.counts || {}).received, (c.counts || {}).units, c.created);
			render();
		});
	}

	function refreshSoon() {
		clearTimeout(refreshTimer);
		refreshTimer = setTimeout(function () { refresh().catch(function (e) { say(e.message); }); }, 300);
	}

	/* ---- progress (server-sent events) -------------------------------------- */
	var JOB_STEP = { blank: 'chuan-bi', filled: 'chuan-bi', plan: 'chuan-bi', summary: 'tong-hop', all: 'tong-hop' };
	var JOB_TEXT = {
		blank: 'Đang tạo biểu đăng ký trống', filled: 'Đang tạo biểu đã điền', plan: 'Đang tạo kế hoạch',
		summary: 'Đang tổng hợp', all: 'Đang đóng gói tất cả'
	};

	function progress(step, text, done, total) {
		var box = $('progress-' + step), bar = $('bar-' + step);
		if (text === null) {
			box.hidden = true;
			return;
		}
		box.hidden = false;
		$('progress-' + step + '-label').textContent = text;
		if (total > 0) {
			bar.max = total;
			bar.value = done;
		} else {
			bar.removeAttribute('value');
		}
	}

	function listen() {
		if (!window.EventSource || !current)
			return;
		events = new EventSource(campaignUrl('/events'));
		events.addEventListener('progress', function (ev) {
			var d;
			try { d = JSON.parse(ev.data); } catch (e) { return; }
			var step = JOB_STEP[d.job];
			if (step && busy[step])
				progress(step, (JOB_TEXT[d.job] || 'Đang làm') + ': ' + d.done + '/' + d.total, d.done, d.total);
		});
		events.addEventListener('error', function (ev) {
			/* an "error" event with data is the server's; without, the
			 * connection dropped and EventSource retries by itself */
			if (!ev.data)
				return;
			try {
				var d = JSON.parse(ev.data);
				say((JOB_TEXT[d.job] || '') + ': ' + d.error);
			} catch (e) { /* ignored */ }
		});
		events.addEventListener('forms', function () { refreshSoon(); });
	}

	/* ---- downloads ---------------------------------------------------------- */
	var busy = {};

	function fileName(res, fallback) {
		var cd = res.headers.get('Content-Disposition') || '';
		var m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
		return m ? decodeURIComponent(m[1]) : fallback;
	}

	function download(link) {
		var step = link.closest('.step').id;
		if (!current || busy[step])
			return;
		busy[step] = true;
		link.setAttribute('aria-disabled', 'true');
		var label = link.textContent;
		progress(step, (JOB_TEXT[link.dataset.job] || 'Đang chuẩn bị') + ': ' + label + '…', 0, 0);
		$('status-' + step).textContent = '';
		fetch(link.href, { credentials: 'same-origin' }).then(function (res) {
			if (!res.ok)
				return res.json().catch(function () { return null; }).then(function (body) {
					throw new Error(errorText(res.status, body));
				});
			return res.blob().then(function (blob) {
				var name = fileName(res, link.dataset.file);
				var a = el('a');
				a.href = URL.createObjectURL(blob);
				a.download = name;
				a.hidden = true;
				document.body.appendChild(a);
				a.click();
				setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 60000);
				$('status-' + step).textContent = 'Đã tải về: ' + name + ' (' + size(blob.size) + ')';
			});
		}, function () {
			throw new Error(STATUS_HINTS[0]);
		}).catch(function (e) {
			say(label + ': ' + e.message);
		}).then(function () {
			busy[step] = false;
			link.removeAttribute('aria-disabled');
			progress(step, null);
		});
	}

	function size(n) {
		if (n < 1024)
			return n + ' B';
		if (n < 1024 * 1024)
			return Math.round(n / 1024) + ' KB';
		return (n / 1024 / 1024).toFixed(1).replace('.', ',') + ' MB';
	}

	/* ---- step 1: create ------------------------------------------------------ */
	function create(ev) {
		ev.preventDefault();
		var data = $('data-file').files[0];
		if (!data) {
			say('Hãy chọn tệp dữ liệu hoặc danh sách đơn vị.');
			return;
		}
		var fd = new FormData();
		fd.append('data', data, data.name);
		var doc = $('doc-file').files[0];
		if (doc)
			fd.append('doc', doc, doc.name);
		var name = $('campaign-name').value.trim();
		if (name)
			fd.append('name', name);
		$('create-submit').disabled = true;
		say('');
		api('POST', '/api/campaigns', fd).then(function (res) {
			$('create-form').reset();
			return loadList(res.id).then(function () { return choose(res.id); });
		}).catch(function (e) {
			say('Không tạo được đợt: ' + e.message);
		}).then(function () {
			$('create-submit').disabled = false;
		});
	}

	/* ---- step 2: upload forms -------------------------------------------------- */
	function batches(files) {
		var out = [], cur = [], bytes = 0;
		files.forEach(function (f) {
			if (cur.length && (cur.length >= UPLOAD_FILES || bytes + f.size > UPLOAD_BYTES)) {
				out.push(cur);
				cur = [];
				bytes = 0;
			}
			cur.push(f);
			bytes += f.size;
		});
		if (cur.length)
			out.push(cur);
		return out;
	}

	function sendBatch(files, sentBefore, total) {
		return new Promise(function (resolve, reject) {
			var fd = new FormData();
			files.forEach(function (f) { fd.append('form', f, f.name); });
			var xhr = new XMLHttpRequest();
			xhr.open('POST', campaignUrl('/forms'));
			xhr.setRequestHeader('X-CSRF-Token', csrf);
			xhr.upload.addEventListener('progress', function (e) {
				if (e.lengthComputable)
					progress('thu-nhan', 'Đang gửi ' + total + ' tệp…', sentBefore + e.loaded / e.total * files.length, total);
			});
			xhr.upload.addEventListener('load', function () {
				progress('thu-nhan', 'Đang đọc các biểu…', 0, 0);
			});
			xhr.addEventListener('load', function () {
				var body = null;
				try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
				if (xhr.status >= 200 && xhr.status < 300 && body)
					resolve(body.results || []);
				else
					reject(new Error(errorText(xhr.status, body)));
			});
			xhr.addEventListener('error', function () { reject(new Error(STATUS_HINTS[0])); });
			xhr.send(fd);
		});
	}

	function upload(fileList) {
		var files = Array.prototype.slice.call(fileList || []);
		if (!current || !files.length || busy['thu-nhan'])
			return;
		busy['thu-nhan'] = true;
		say('');
		$('upload-result').textContent = '';
		var results = [], sent = 0;
		var chain = Promise.resolve();
		batches(files).forEach(function (b) {
			chain = chain.then(function () {
				return sendBatch(b, sent, files.length).then(function (r) {
					sent += b.length;
					results = results.concat(r);
				});
			});
		});
		chain.catch(function (e) {
			say('Gửi biểu không thành công: ' + e.message);
		}).then(function () {
			busy['thu-nhan'] = false;
			progress('thu-nhan', null);
			$('form-files').value = '';
			if (results.length) {
				var n = { received: 0, problem: 0, rejected: 0 };
				results.forEach(function (r) { n[r.status] = (n[r.status] || 0) + 1; });
				$('upload-result').textContent = 'Đã gửi ' + results.length + ' tệp: ' + n.received + ' biểu nhận tốt, ' +
					n.problem + ' biểu có lỗi, ' + n.rejected + ' tệp không đọc được.';
			}
			return refresh();
		}).catch(function (e) { say(e.message); });
	}

	/* ---- drawing ----------------------------------------------------------------- */
	var STATUS_TEXT = { received: 'Đã nhận', missing: 'Chưa nhận', problem: 'Có lỗi', rejected: 'Không đọc được' };

	function cell(row, text, cls, title) {
		var td = el('td', text, cls);
		if (title)
			td.title = title;
		row.appendChild(td);
		return td;
	}

	/* The message without what the other cells already say: the file
	 * ("name.docx: ..."), the table and row ("II. CÁ NHÂN, row 2: ..."). */
	function bare(message, file, table, row) {
		var m = String(message || '');
		if (file && m.indexOf(file + ': ') === 0)
			m = m.slice(file.length + 2);
		var head = table && row ? table + ', row ' + row : '';
		if (head && m.indexOf(head) === 0 && m.indexOf(': ', head.length) >= 0)
			m = m.slice(m.indexOf(': ', head.length) + 2);
		return m;
	}

	function messageCell(row, message, shown) {
		var td = el('td');
		td.appendChild(el('span', shown || message, 'msg'));
		var h = hint(message);
		if (h)
			td.appendChild(el('span', h, 'msg-hint'));
		row.appendChild(td);
	}

	function fillProblems(tbody, list, first) {
		tbody.textContent = '';
		list.forEach(function (p) {
			var tr = el('tr');
			if (first === 'unit')
				cell(tr, p.unit || '(toàn bộ dữ liệu)');
			cell(tr, tableName(p.table));
			cell(tr, p.row ? p.row : '', 'num');
			cell(tr, columnName(p.column), '', p.column || '');
			messageCell(tr, p.message || '', bare(p.message, p.file, p.table, p.row));
			tbody.appendChild(tr);
		});
	}

	function renderPlan() {
		var c = current;
		$('plan-name').textContent = c.name;
		var n = c.counts || {};
		$('plan-info').textContent = 'Tệp dữ liệu: ' + (c.data_file || '') + ' · ' + (n.units || 0) + ' đơn vị · tạo lúc ' +
			dateText(c.created);
		var f = c.findings || [];
		$('findings-none').hidden = f.length > 0;
		$('findings-some').hidden = f.length === 0;
		$('findings-some').textContent = f.length + ' điểm chưa đạt quy định của kế hoạch (các đơn vị này sẽ không có biểu điền sẵn):';
		$('findings-table').hidden = f.length === 0;
		fillProblems($('findings-table').tBodies[0], f, 'unit');
		$('dl-filled').parentNode.hidden = c.registers === false;
	}

	function unitRow(u) {
		var tr = el('tr');
		tr.dataset.status = u.status;
		tr.dataset.unit = u.name;
		cell(tr, u.index + 1, 'num');
		var name = el('th', u.name);
		name.scope = 'row';
		tr.appendChild(name);
		var st = el('td');
		var badge = el('span', STATUS_TEXT[u.status] || u.status, 'badge ' + u.status);
		st.appendChild(badge);
		if (u.form && u.form.problems && u.form.problems.length)
			st.appendChild(el('span', ' ' + u.form.problems.length + ' vấn đề', 'count'));
		tr.appendChild(st);
		var f = u.form;
		var file = cell(tr, f ? f.file : '—', 'file');
		if (f)
			file.appendChild(el('span', 'nhận lúc ' + dateText(f.received), 'when'));
		cell(tr, f ? f.tap_the : '', 'num');
		cell(tr, f ? f.ca_nhan : '', 'num');
		var act = el('td');
		if (f) {
			var b = el('button', 'Xem', 'small');
			b.type = 'button';
			b.setAttribute('aria-label', 'Xem biểu của ' + u.name);
			b.addEventListener('click', function () { showDetail(u.index); });
			act.appendChild(b);
		}
		tr.appendChild(act);
		return tr;
	}

	function renderUnits() {
		var c = current, n = c.counts || {};
		$('counts').textContent = (n.units || 0) + ' đơn vị: đã nhận ' + (n.received || 0) + ', chưa nhận ' +
			(n.missing || 0) + ', có lỗi ' + (n.problem || 0) + '.';
		var filter = $('unit-filter').value;
		var tbody = $('units-table').tBodies[0];
		tbody.textContent = '';
		(c.units || []).forEach(function (u) {
			if (filter === 'all' || filter === u.status)
				tbody.appendChild(unitRow(u));
		});
		var bad = (c.forms || []).filter(function (f) { return f.status === 'rejected'; });
		$('rejected').hidden = bad.length === 0;
		var rb = $('rejected-table').tBodies[0];
		rb.textContent = '';
		bad.forEach(function (f) {
			var tr = el('tr');
			var th = el('th', f.file);
			th.scope = 'row';
			tr.appendChild(th);
			cell(tr, bare(f.error, f.file), 'msg');
			cell(tr, hint(f.error || '') || 'Đề nghị đơn vị gửi lại biểu đúng mẫu (.docx).');
			rb.appendChild(tr);
		});
		if (!$('detail').hidden && $('detail').dataset.unit !== undefined)
			showDetail(Number($('detail').dataset.unit), true);
	}

	function showDetail(index, quiet) {
		var u = (current.units || [])[index];
		if (!u || !u.form) {
			$('detail').hidden = true;
			return;
		}
		var f = u.form, d = $('detail');
		d.dataset.unit = String(index);
		$('detail-title').textContent = 'Biểu của ' + u.name;
		$('detail-info').textContent = 'Tệp: ' + f.file + ' · nhận lúc ' + dateText(f.received) + ' · ' + (f.tap_the || 0) +
			' tập thể, ' + (f.ca_nhan || 0) + ' cá nhân';
		var p = f.problems || [];
		$('problems-none').hidden = p.length > 0;
		$('problems-table').hidden = p.length === 0;
		fillProblems($('problems-table').tBodies[0], p, 'file');
		var img = $('preview-img');
		if (f.preview) {
			if (img.getAttribute('src') !== f.preview) {
				$('preview-caption').textContent = 'Đang vẽ trang đầu của biểu…';
				img.src = f.preview;
			}
			img.alt = 'Trang đầu biểu của ' + u.name;
			img.parentNode.hidden = false;
		} else {
			img.parentNode.hidden = true;
		}
		d.hidden = false;
		if (!quiet) {
			d.scrollIntoView({ block: 'nearest' });
			d.focus({ preventScroll: true });
		}
	}

	function renderSummary() {
		var c = current, n = c.counts || {};
		var got = (n.received || 0) + (n.problem || 0);
		$('summary-info').textContent = 'Bảng tổng hợp gồm các biểu đã nhận: ' + got + '/' + (n.units || 0) + ' đơn vị' +
			(n.problem ? ' (' + n.problem + ' biểu có lỗi, xem bước 2)' : '') + '.';
		var missing = (c.units || []).filter(function (u) { return u.status === 'missing'; });
		$('summary-missing').hidden = missing.length === 0;
		$('summary-missing').textContent = 'Chưa nhận biểu của ' + missing.length + ' đơn vị: ' +
			missing.map(function (u) { return u.name; }).join(', ') + '.';
	}

	function setLinks() {
		var links = document.querySelectorAll('a[data-file]');
		Array.prototype.forEach.call(links, function (a) {
			a.href = current ? campaignUrl('/' + a.dataset.file) : '#';
		});
	}

	function render() {
		var has = !!current;
		$('create-form').hidden = has;
		$('plan').hidden = !has;
		$('campaign-delete').hidden = !has;
		$('thu-nhan-empty').hidden = has;
		$('thu-nhan-body').hidden = !has;
		$('tong-hop-empty').hidden = has;
		$('tong-hop-body').hidden = !has;
		setLinks();
		if (!has)
			return;
		renderPlan();
		renderUnits();
		renderSummary();
	}

	/* ---- wiring ---------------------------------------------------------------- */
	function addStatusLines() {
		['chuan-bi', 'tong-hop'].forEach(function (s) {
			var p = el('p', '', 'status-line');
			p.id = 'status-' + s;
			p.setAttribute('aria-live', 'polite');
			$('progress-' + s).insertAdjacentElement('afterend', p);
		});
	}

	function init() {
		addStatusLines();
		window.addEventListener('hashchange', showStep);
		showStep();
		$('campaign-select').addEventListener('change', function (e) {
			choose(e.target.value).catch(function (err) { say(err.message); });
		});
		$('campaign-delete').addEventListener('click', function () {
			if (!current || !window.confirm('Xóa đợt “' + current.name + '” cùng mọi biểu đã nhận? Không thể hoàn tác.'))
				return;
			api('DELETE', campaignUrl()).then(function () {
				return loadList('').then(function () { return choose(''); });
			}).catch(function (e) { say(e.message); });
		});
		$('create-form').addEventListener('submit', create);
		Array.prototype.forEach.call(document.querySelectorAll('a[data-file]'), function (a) {
			a.addEventListener('click', function (e) {
				e.preventDefault();
				download(a);
			});
		});
		$('form-files').addEventListener('change', function (e) { upload(e.target.files); });
		var zone = $('drop-zone');
		['dragenter', 'dragover'].forEach(function (t) {
			zone.addEventListener(t, function (e) {
				e.preventDefault();
				zone.classList.add('over');
			});
		});
		['dragleave', 'drop'].forEach(function (t) {
			zone.addEventListener(t, function () { zone.classList.remove('over'); });
		});
		zone.addEventListener('drop', function (e) {
			e.preventDefault();
			upload(e.dataTransfer.files);
		});
		/* a file dropped beside the zone is not opened by the browser */
		window.addEventListener('dragover', function (e) { e.preventDefault(); });
		window.addEventListener('drop', function (e) { e.preventDefault(); });
		$('unit-filter').addEventListener('change', function () { if (current) renderUnits(); });
		$('detail-close').addEventListener('click', function () { $('detail').hidden = true; });
		$('preview-img').addEventListener('load', function () {
			$('preview-caption').textContent = 'Trang đầu của biểu nhận được';
		});
		$('preview-img').addEventListener('error', function () {
			$('preview-caption').textContent = 'Không vẽ được trang đầu của biểu này (xem nội dung bằng Word).';
		});
		loadList().then(choose).catch(function (e) { say(e.message); }).then(function () {
			document.body.dataset.ready = '1';
		});
	}

	init();
}());
