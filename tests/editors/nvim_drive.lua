-- Drive aics-lint's language server from a real Neovim in headless mode:
--   AICS_SERVER=... AICS_ROOT=... AICS_OUT=... nvim --headless --clean -c 'luafile nvim_drive.lua' FILE
-- Works on Neovim 0.7 (vim.lsp.start_client + buf_attach_client) and 0.8+ (vim.lsp.start).
-- Writes one JSON object per line to AICS_OUT: the diagnostics as Neovim holds them, the
-- hover, the code actions, the diagnostics after an edit, the shutdown. `cquit 1` on a timeout.
local server = assert(os.getenv("AICS_SERVER"), "AICS_SERVER")
local root = assert(os.getenv("AICS_ROOT"), "AICS_ROOT")
local out_path = assert(os.getenv("AICS_OUT"), "AICS_OUT")
local timeout = tonumber(os.getenv("AICS_TIMEOUT") or "15000")
local out = assert(io.open(out_path, "w"))
local bufnr = vim.api.nvim_get_current_buf()

local function emit(event, data)
  data.event = event
  out:write(vim.fn.json_encode(data), "\n")
  out:flush()
end

local function fail(msg)
  emit("error", { message = msg })
  out:close()
  vim.cmd("cquit 1")
end

-- Every publishDiagnostics the client receives, before Neovim's own handler stores them.
local published = {}
local function on_publish(err, result, ctx, config)
  if result and result.uri == vim.uri_from_bufnr(bufnr) then
    table.insert(published, result)
  end
  return vim.lsp.handlers["textDocument/publishDiagnostics"](err, result, ctx, config)
end

local function main()
  local config = {
    name = "aics-lint",
    cmd = { server, "server", "--stdio" },
    root_dir = root,
    handlers = { ["textDocument/publishDiagnostics"] = on_publish },
  }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else
    client_id = vim.lsp.start_client(config)
    if client_id then
      vim.lsp.buf_attach_client(bufnr, client_id)
    end
  end
  if not client_id then
    fail("the client did not start")
  end
  emit("started", { version = tostring(vim.version().major) .. "." .. tostring(vim.version().minor), api = vim.lsp.start and "vim.lsp.start" or "vim.lsp.start_client" })

  -- The diagnostics Neovim holds for the buffer, with the LSP fields the server sent.
  local function held(namespace)
    local items = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr, namespace and { namespace = namespace } or nil)) do
      local lsp = (d.user_data and d.user_data.lsp) or {}
      table.insert(items, {
        lnum = d.lnum,
        col = d.col,
        severity = d.severity,
        message = d.message,
        source = d.source,
      namespace = vim.diagnostic.get_namespace(d.namespace).name,
        code = lsp.code or d.code,
        href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
        })
    end
    return items
  end

  local function find(code, namespace)
    for _, d in ipairs(held(namespace)) do
      if d.code == code then
        return d
      end
    end
  end

  if not vim.wait(timeout, function() return find("AICS001") ~= nil end, 20) then
    fail("no AICS001 within " .. timeout .. " ms; diagnostics: " .. vim.fn.json_encode(held()))
  end
  emit("diagnostics", { items = held() })

  local function request(method, params)
    local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout)
    if not responses then
      fail(method .. ": " .. tostring(err))
    end
    local r = responses[client_id] or select(2, next(responses))
    if not r or r.err or r.error then
      fail(method .. " failed: " .. vim.fn.json_encode(r or {}))
    end
    return r.result
  end

  -- The AICS001 diagnostic as the server sent it (Neovim 0.7 keeps no range in user_data).
  local lsp_diag
  for _, p in ipairs(published) do
    for _, x in ipairs(p.diagnostics) do
      if x.code == "AICS001" then
        lsp_diag = x
      end
    end
  end
  if not lsp_diag then
    fail("AICS001 is held but was never published")
  end
  local d = { range = lsp_diag.range }

  local uri = vim.uri_from_bufnr(bufnr)
  local hover = request("textDocument/hover", { textDocument = { uri = uri }, position = d.range.start })
  local text = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL
  emit("hover", { value = text })

  local actions = request("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = d.range,
    context = { diagnostics = { lsp_diag } },
  })
  local titles = {}
  for _, a in ipairs(actions or {}) do
    table.insert(titles, a.title)
  end
  emit("code_actions", { titles = titles })

  -- Edit the buffer as a user would: Neovim sends the change to the server itself.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local edited = false
  for i, line in ipairs(lines) do
    local s, e = line:find("iotcModelId", 1, true)
    if s then
      vim.api.nvim_buf_set_text(bufnr, i - 1, s - 1, i - 1, e, { "modelId" })
      edited = true
      break
    end
  end
  if not edited then
    fail("no iotcModelId in the buffer")
  end
  -- The pushed diagnostics (textDocument/publishDiagnostics) must drop AICS001. Neovim 0.10+
  -- also pulls (textDocument/diagnostic) into a namespace of its own: report what is left
  -- there a moment later as `stale`.
  local push_ns = vim.lsp.diagnostic.get_namespace(client_id)
  if not vim.wait(timeout, function() return find("AICS001", push_ns) == nil end, 20) then
    fail("AICS001 still published " .. timeout .. " ms after the edit: " .. vim.fn.json_encode(held()))
  end
  emit("after_edit", { items = held(push_ns), changedtick = vim.api.nvim_buf_get_changedtick(bufnr) })
  vim.wait(2000, function() return find("AICS001") == nil end, 20)
  emit("settled", { items = held() })

  -- Stop the client and wait for the server process to be gone.
  local started = vim.loop.hrtime()
  vim.lsp.stop_client(client_id)
  local gone = vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 10)
  emit("stopped", { gone = gone, ms = (vim.loop.hrtime() - started) / 1e6 })
  out:close()
  if not gone then
    vim.cmd("cquit 1")
  end
  vim.cmd("qa!")
end

local ok, err = pcall(main)
if not ok then
  fail("error in the driver: " .. tostring(err))
end
