;;; eglot_drive.el --- drive aics-lint's language server from Emacs + eglot in batch  -*- lexical-binding: t -*-
;;
;;   AICS_SERVER=... AICS_ROOT=... AICS_FILE=... AICS_OUT=... emacs -Q --batch -l eglot_drive.el
;;
;; Opens AICS_FILE under eglot (Debian's elpa-eglot), waits for the AICS001 diagnostic,
;; asks for a hover and the code actions on it, replaces `iotcModelId' with `modelId' in the
;; buffer, waits until AICS001 is gone, shuts the server down.  One JSON object per line in
;; AICS_OUT; exit status 1 on a timeout or an error.

(require 'package)
;; -Q skips Debian's start-up files, which is where elpa-eglot is made known.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'json)
(require 'cl-lib)

(defvar drive-server (getenv "AICS_SERVER"))
(defvar drive-root (file-name-as-directory (getenv "AICS_ROOT")))
(defvar drive-file (getenv "AICS_FILE"))
(defvar drive-out (getenv "AICS_OUT"))
(defvar drive-timeout (/ (string-to-number (or (getenv "AICS_TIMEOUT") "15000")) 1000.0))
(defvar drive-published nil "The newest publishDiagnostics params for DRIVE-FILE (a plist).")

(defun drive-emit (event &rest fields)
  "Append one JSON line: EVENT and the alist FIELDS."
  (with-temp-buffer
    (insert (json-encode (cons (cons 'event event) (car fields))) "\n")
    (append-to-file (point-min) (point-max) drive-out)))

(defun drive-fail (message)
  (drive-emit "error" `((message . ,message)))
  (kill-emacs 1))

(defun drive-wait (predicate what)
  "Run the event loop until PREDICATE is true; fail after DRIVE-TIMEOUT seconds."
  (let ((deadline (+ (float-time) drive-timeout)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (drive-fail (format "timed out after %ss waiting for %s" drive-timeout what)))
      (accept-process-output nil 0.05))))

(defun drive-codes ()
  (mapcar (lambda (d) (plist-get d :code)) (plist-get drive-published :diagnostics)))

(defun drive-diagnostic (code)
  (cl-find code (plist-get drive-published :diagnostics)
           :key (lambda (d) (plist-get d :code)) :test #'equal))

(defun drive-items ()
  (mapcar (lambda (d)
            `((code . ,(plist-get d :code))
              (href . ,(plist-get (plist-get d :codeDescription) :href))
              (source . ,(plist-get d :source))
              (line . ,(plist-get (plist-get (plist-get d :range) :start) :line))
              (message . ,(plist-get d :message))))
          (plist-get drive-published :diagnostics)))

;; Capture the diagnostics the server publishes for our file, as the recipe says.
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (and (eq method 'textDocument/publishDiagnostics)
                         (equal (plist-get params :uri) (concat "file://" (expand-file-name drive-file))))
                (setq drive-published params))))

;; No VCS in the temporary copy: the workspace root is the project.
(add-hook 'project-find-functions (lambda (_dir) (cons 'transient drive-root)))
(add-to-list 'eglot-server-programs `(c-mode . (,drive-server "server" "--stdio")))

(defun drive ()
  (find-file drive-file)
  (c-mode)
  ;; `eglot-ensure' never fires in batch: start eglot as M-x eglot would.
  (apply #'eglot (eglot--guess-contact))
  (let ((server (eglot-current-server)))
    (unless server (drive-fail "eglot did not start a server"))
    (drive-emit "started" `((emacs . ,emacs-version) (eglot . ,(package-version-join (package-desc-version (cadr (assq 'eglot package-alist)))))))
    (drive-wait (lambda () (member "AICS001" (drive-codes))) "AICS001")
    (drive-emit "diagnostics" `((items . ,(vconcat (drive-items)))))
    (let* ((diag (drive-diagnostic "AICS001"))
           (range (plist-get diag :range))
           (doc (eglot--TextDocumentIdentifier))
           (hover (jsonrpc-request server :textDocument/hover
                                   (list :textDocument doc :position (plist-get range :start))))
           (actions (jsonrpc-request server :textDocument/codeAction
                                     (list :textDocument doc :range range
                                           :context (list :diagnostics (vector diag))))))
      (drive-emit "hover" `((value . ,(plist-get (plist-get hover :contents) :value))))
      (drive-emit "code_actions" `((titles . ,(vconcat (mapcar (lambda (a) (plist-get a :title)) actions))))))
    ;; Edit the buffer as a user would.  eglot records the change and sends it from an
    ;; idle timer, and batch Emacs is never idle: send it as that timer would.
    (goto-char (point-min))
    (unless (search-forward "iotcModelId" nil t) (drive-fail "no iotcModelId in the buffer"))
    (replace-match "modelId" t t)
    (eglot--signal-textDocument/didChange)
    (drive-wait (lambda () (and drive-published (not (member "AICS001" (drive-codes)))))
                "AICS001 to go away after the edit")
    (drive-emit "after_edit" `((items . ,(vconcat (drive-items)))
                               (flymake . ,(length (flymake-diagnostics)))))
    ;; `eglot-shutdown' sends shutdown and exit, then deletes the process at once (jsonrpc.el
    ;; of Emacs 28 does not wait).  To see the server end by itself, do what it sends and
    ;; wait, with the pipe to the server's stdin still open.
    (let ((process (jsonrpc--process server)))
      (setf (eglot--shutdown-requested server) t)
      (jsonrpc-request server :shutdown nil :timeout 5)
      (let ((start (float-time)))
        (jsonrpc-notify server :exit nil)
        (drive-wait (lambda () (not (process-live-p process))) "the server process to end")
        (drive-emit "stopped" `((gone . t)
                                (ms . ,(* 1000 (- (float-time) start)))
                                (status . ,(process-exit-status process))
                                (how . ,(symbol-name (process-status process)))))))))

(condition-case err
    (progn (drive) (kill-emacs 0))
  (error (drive-fail (format "error in the driver: %S" err))))
