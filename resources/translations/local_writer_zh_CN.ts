<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CommandPalette</name>
    <message>
        <source>Command Palette</source>
        <translation>命令面板</translation>
    </message>
    <message>
        <source>Type a command: shorten, translate, save…</source>
        <translation>输入命令：缩短、翻译、保存…</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>Text and Markdown (*.txt *.md *.markdown *.text);;All files (*)</source>
        <translation>文本和 Markdown (*.txt *.md *.markdown *.text);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Do you want to save the changes to “{name}”?</source>
        <translation>要保存对“{name}”的更改吗？</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>{name}[*] — Local Writer</source>
        <translation>{name}[*] — Local Writer</translation>
    </message>
    <message>
        <source>{problem}

Open it as Windows-1252 text? Every byte is kept, and saving writes the file back in the same encoding.</source>
        <translation>{problem}

要按 Windows-1252 文本打开吗？每个字节都会保留，保存时也按同一编码写回。</translation>
    </message>
    <message>
        <source>Not UTF-8</source>
        <translation>不是 UTF-8</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>“{name}” is UTF-8 with {count} invalid bytes (the first on line {line}, column {column}). Each shows as a box and is written back unchanged when you save.</source>
        <translation>“{name}”是 UTF-8 文件，但有 {count} 个无效字节（第一个在第 {line} 行第 {column} 列）。每个都显示为方框，保存时原样写回。</translation>
    </message>
    <message>
        <source> Its version is kept as the previous version.</source>
        <translation>它的版本会作为上一版本保留。</translation>
    </message>
    <message>
        <source>Changed on disk</source>
        <translation>磁盘上的文件已更改</translation>
    </message>
    <message>
        <source>“{name}” was changed by another program since you opened it. Save your version over it?{kept}

Choose No to keep both: then use Save As for your version.</source>
        <translation>打开“{name}”之后，另一个程序修改了它。要用你的版本覆盖吗？{kept}

选择“否”可以两份都保留：再用“另存为”保存你的版本。</translation>
    </message>
    <message>
        <source>{problem}

Save the file as UTF-8 instead?</source>
        <translation>{problem}

改为以 UTF-8 保存这个文件吗？</translation>
    </message>
    <message>
        <source>Change encoding?</source>
        <translation>更改编码？</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <source>The previous version of “{name}” could not be kept ({problem}); your text is saved all the same.</source>
        <translation>未能保留“{name}”的上一版本（{problem}）；你的文字仍然已经保存。</translation>
    </message>
    <message>
        <source>“{name}” was deleted or moved by another program. Your text is still here: Save writes the file again.</source>
        <translation>“{name}”已被另一个程序删除或移动。你的文字仍在这里：保存会重新写出这个文件。</translation>
    </message>
    <message>
        <source>“{name}” was changed by another program. Reload it to see the changes, or keep your text here (saving then replaces the other version).</source>
        <translation>“{name}”已被另一个程序修改。重新载入可以看到这些更改，也可以保留这里的文字（之后保存会替换另一个版本）。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Keep Mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Reload “{name}” from disk? The changes you have not saved will be lost.</source>
        <translation>从磁盘重新载入“{name}”吗？尚未保存的更改将会丢失。</translation>
    </message>
    <message>
        <source>There are no unsaved documents to recover.</source>
        <translation>没有需要恢复的未保存文档。</translation>
    </message>
    <message>
        <source>Restored {name}: save it to keep it.</source>
        <translation>已恢复 {name}：保存后才会保留。</translation>
    </message>
    <message>
        <source>“{path}” does not exist.</source>
        <translation>“{path}”不存在。</translation>
    </message>
    <message>
        <source>“{name}” cannot be read: {reason}.</source>
        <translation>无法读取“{name}”：{reason}。</translation>
    </message>
    <message>
        <source>“{name}” cannot be opened: {problem}</source>
        <translation>无法打开“{name}”：{problem}</translation>
    </message>
    <message>
        <source>This file is encoded as UTF-32, which Local Writer cannot open.</source>
        <translation>这个文件使用 UTF-32 编码，Local Writer 无法打开。</translation>
    </message>
    <message>
        <source>This file holds binary data, not text.</source>
        <translation>这个文件是二进制数据，不是文本。</translation>
    </message>
    <message>
        <source>This file is not valid {encoding}: the byte at line {line}, column {column} cannot be read.</source>
        <translation>这个文件不是有效的 {encoding}：第 {line} 行第 {column} 列的字节无法读取。</translation>
    </message>
    <message>
        <source>The character “{character}” (U+{code}) on line {line} cannot be stored in {encoding}.</source>
        <translation>第 {line} 行的字符“{character}”（U+{code}）无法用 {encoding} 保存。</translation>
    </message>
    <message>
        <source>It is a device or a pipe, not a file of text.</source>
        <translation>这是一个设备或管道，不是文本文件。</translation>
    </message>
    <message>
        <source>It is {size} MB, and Local Writer opens documents of up to {limit} MB (about 2.5 million words). Split it into smaller files, or open it in an editor made for large data files.</source>
        <translation>它有 {size} MB，而 Local Writer 最多打开 {limit} MB 的文档（约 250 万词）。请把它拆成较小的文件，或者用专门处理大数据文件的编辑器打开。</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>磁盘配额已用完</translation>
    </message>
    <message>
        <source>you do not have permission to write there</source>
        <translation>你没有在那里写入的权限</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>the folder no longer exists</source>
        <translation>文件夹已不存在</translation>
    </message>
    <message>
        <source>Could not save “{name}” because {reason}. The file on disk was not changed and your text is still open: free some space or choose Save As to save it somewhere else.</source>
        <translation>无法保存“{name}”，因为{reason}。磁盘上的文件没有改动，你的文字仍然打开着：请腾出一些空间，或者用“另存为”保存到别处。</translation>
    </message>
    <message>
        <source>The recovery copy of your text could not be written because {reason}. Your text is still open: save it, or free some space.</source>
        <translation>无法写入你的文字的恢复副本，因为{reason}。你的文字仍然打开着：请保存，或者腾出一些空间。</translation>
    </message>
</context>
<context>
    <name>DownloadPanel</name>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel Download</source>
        <translation>取消下载(&amp;N)</translation>
    </message>
    <message>
        <source>One download at a time: pause or cancel the current one first.</source>
        <translation>一次只能下载一个：请先暂停或取消当前的下载。</translation>
    </message>
    <message>
        <source>Asking the Hub about {file}…</source>
        <translation>正在向 Hub 查询 {file}…</translation>
    </message>
    <message>
        <source>Wait for the current download or import to end.</source>
        <translation>请等待当前的下载或导入结束。</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Download cancelled; its bytes were deleted.</source>
        <translation>下载已取消；已下载的数据已删除。</translation>
    </message>
    <message>
        <source>, {time} left</source>
        <translation>，剩余 {time}</translation>
    </message>
    <message>
        <source>, {speed} MB/s</source>
        <translation>，{speed} MB/s</translation>
    </message>
    <message>
        <source>{file}: {done} of {total} MB</source>
        <translation>{file}：{done} / {total} MB</translation>
    </message>
    <message>
        <source>Installed {name}: select it and press Use.</source>
        <translation>已安装 {name}：选中它并点击“使用”。</translation>
    </message>
    <message>
        <source>Paused {file}: its bytes are kept, even if you quit. Resume continues where it stopped.</source>
        <translation>已暂停 {file}：已下载的数据会保留，即使退出也不会丢失。继续时从中断处接着下载。</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>The Hub&apos;s “{file}” is not the file the catalogue pins (its sha256 differs), so it was not downloaded.</source>
        <translation>Hub 上的“{file}”不是目录中指定的那个文件（sha256 不同），因此没有下载。</translation>
    </message>
    <message>
        <source>Not enough disk space: this model needs {needed} GB more, and the disk holding {folder} has {free} GB free. Free some space, or remove a model you no longer use, then try again.</source>
        <translation>磁盘空间不足：这个模型还需要 {needed} GB，而 {folder} 所在的磁盘只剩 {free} GB。请腾出一些空间，或删除不再使用的模型，然后重试。</translation>
    </message>
    <message>
        <source>the server did not honour the range</source>
        <translation>服务器没有按请求的范围发送</translation>
    </message>
    <message>
        <source>The download of “{file}” keeps failing ({reason}). What was downloaded ({done} MB) is kept: try again later and it resumes where it stopped.</source>
        <translation>“{file}”的下载一再失败（{reason}）。已下载的部分（{done} MB）会保留：稍后重试时会从中断处继续。</translation>
    </message>
    <message>
        <source>The disk filled up while downloading “{file}”. What was downloaded is kept: free some space and resume.</source>
        <translation>下载“{file}”时磁盘满了。已下载的部分会保留：请腾出一些空间后继续。</translation>
    </message>
    <message>
        <source>“{file}” of {repo}</source>
        <translation>{repo} 的“{file}”</translation>
    </message>
    <message>
        <source>The Hub refused the download of {what}. If the model is gated, accept its terms on its Hugging Face page, then set HF_TOKEN or run `hf auth login`.</source>
        <translation>Hub 拒绝了 {what} 的下载。如果这个模型需要授权，请在它的 Hugging Face 页面上接受条款，然后设置 HF_TOKEN 或运行 `hf auth login`。</translation>
    </message>
    <message>
        <source>The Hub has no file {what} at that revision.</source>
        <translation>Hub 上这个版本没有文件 {what}。</translation>
    </message>
    <message>
        <source>The Hub answered HTTP {status} for {what}.</source>
        <translation>Hub 对 {what} 返回了 HTTP {status}。</translation>
    </message>
    <message>
        <source>The downloaded “{file}” is damaged: its sha256 does not match the Hub&apos;s, so it was deleted. Download it again.</source>
        <translation>下载的“{file}”已损坏：它的 sha256 与 Hub 上的不一致，已被删除。请重新下载。</translation>
    </message>
    <message>
        <source>“{file}” is not a usable GGUF model: {problem}</source>
        <translation>“{file}”不是可用的 GGUF 模型：{problem}</translation>
    </message>
    <message>
        <source>The Hub offers the file “{file}”, whose name is not a safe model file name; it was not downloaded.</source>
        <translation>Hub 提供的文件“{file}”的名字不是安全的模型文件名；没有下载。</translation>
    </message>
    <message>
        <source>“{name}” would be written outside the models folder.</source>
        <translation>“{name}”会被写到模型文件夹之外。</translation>
    </message>
    <message>
        <source>Offline mode is on (HF_HUB_OFFLINE), so Local Writer does not contact the Hub. Unset it to search or download models.</source>
        <translation>离线模式已开启（HF_HUB_OFFLINE），所以 Local Writer 不会连接 Hub。要搜索或下载模型，请取消这个设置。</translation>
    </message>
    <message>
        <source>No network: {host} cannot be reached from this computer. Check the connection and try again; the models already here still work.</source>
        <translation>没有网络：这台电脑连不上 {host}。请检查网络连接后重试；已在本机的模型仍可使用。</translation>
    </message>
    <message>
        <source>The Hub refused access to {what}. If the model is gated, accept its terms on its Hugging Face page, then give Local Writer a token: set HF_TOKEN, or run `hf auth login`.</source>
        <translation>Hub 拒绝访问 {what}。如果这个模型需要授权，请在它的 Hugging Face 页面上接受条款，然后给 Local Writer 一个令牌：设置 HF_TOKEN，或运行 `hf auth login`。</translation>
    </message>
    <message>
        <source>The Hub has no {what} (or it is private: then set HF_TOKEN). Check the name.</source>
        <translation>Hub 上没有 {what}（或者它是私有的：那就设置 HF_TOKEN）。请检查名字。</translation>
    </message>
    <message>
        <source>The Hub could not be reached for {what} ({problem}). Check the connection, or try again later.</source>
        <translation>无法连接 Hub 来获取 {what}（{problem}）。请检查网络连接，或稍后重试。</translation>
    </message>
    <message>
        <source>model “{repo}”</source>
        <translation>模型“{repo}”</translation>
    </message>
    <message>
        <source>The model “{repo}” has no file “{path}”.</source>
        <translation>模型“{repo}”中没有文件“{path}”。</translation>
    </message>
    <message>
        <source>a search for “{query}”</source>
        <translation>对“{query}”的搜索</translation>
    </message>
    <message>
        <source>The embedded model ships with the app and cannot be removed.</source>
        <translation>内置模型随应用附带，不能删除。</translation>
    </message>
    <message>
        <source>“{name}” is already being downloaded by another Local Writer window or command.</source>
        <translation>另一个 Local Writer 窗口或命令正在下载“{name}”。</translation>
    </message>
    <message>
        <source>The Hub answered HTTP {status} for the header of “{file}”.</source>
        <translation>Hub 对“{file}”的文件头返回了 HTTP {status}。</translation>
    </message>
    <message>
        <source>The header of “{file}” could not be read ({problem}).</source>
        <translation>无法读取“{file}”的文件头（{problem}）。</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>the system keychain</source>
        <translation>系统钥匙串</translation>
    </message>
    <message>
        <source>a file only your account can read ({file})</source>
        <translation>只有你的账户能读取的文件（{file}）</translation>
    </message>
    <message>
        <source>The system keychain refused the API key ({problem}).</source>
        <translation>系统钥匙串拒绝保存 API 密钥（{problem}）。</translation>
    </message>
    <message>
        <source>the model&apos;s chat template refused the request: {problem}</source>
        <translation>模型的对话模板拒绝了这个请求：{problem}</translation>
    </message>
    <message>
        <source>The engine failed while loading ({problem}). Choose the model again, or another one.</source>
        <translation>引擎在载入时出错（{problem}）。请重新选择这个模型，或换一个模型。</translation>
    </message>
    <message>
        <source>The engine failed while writing ({problem}).</source>
        <translation>引擎在写作时出错（{problem}）。</translation>
    </message>
    <message>
        <source>Preparing the embedded model</source>
        <translation>正在准备内置模型</translation>
    </message>
    <message>
        <source>Loading {name} in safe mode</source>
        <translation>正在以安全模式载入 {name}</translation>
    </message>
    <message>
        <source>Loading {name}</source>
        <translation>正在载入 {name}</translation>
    </message>
    <message>
        <source>Checking {name} on this computer</source>
        <translation>正在这台电脑上检查 {name}</translation>
    </message>
    <message>
        <source>Reading the text around the cursor</source>
        <translation>正在读取光标附近的文字</translation>
    </message>
    <message>
        <source>llama.cpp could not load “{name}”: {problem}. The file may be damaged, or made for a newer llama.cpp. Choose another model.</source>
        <translation>llama.cpp 无法载入“{name}”：{problem}。文件可能已损坏，或者是为更新版本的 llama.cpp 制作的。请选择其他模型。</translation>
    </message>
    <message>
        <source>Connecting to {server}</source>
        <translation>正在连接 {server}</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>还没有载入模型。</translation>
    </message>
    <message>
        <source>The model failed while writing: {problem}</source>
        <translation>模型在写作时出错：{problem}</translation>
    </message>
    <message>
        <source>“{name}” with a {context}-token context {verdict}, so Local Writer did not load it: trying could freeze this computer. Choose a smaller model (Model → Get Models… shows what fits) or a smaller context size in Preferences → Model.</source>
        <translation>“{name}”在 {context} 个词元的上下文下{verdict}，所以 Local Writer 没有载入它：强行载入可能会让这台电脑卡死。请选择更小的模型（“模型 → 获取模型…”会显示哪些放得下），或在“偏好设置 → 模型”中选择更小的上下文长度。</translation>
    </message>
    <message>
        <source>The GPU could not take this model ({problem}), so it runs on the CPU. Lower GPU layers in Preferences → Model to try again.</source>
        <translation>GPU 无法容纳这个模型（{problem}），所以它在 CPU 上运行。可以在“偏好设置 → 模型”中减少 GPU 层数后再试。</translation>
    </message>
    <message>
        <source>This build of Local Writer has no llama.cpp engine for this processor ({cpu}; it carries {variants}). Install the build made for this kind of computer, or a newer one.</source>
        <translation>这个版本的 Local Writer 没有适合这款处理器的 llama.cpp 引擎（{cpu}；它带有 {variants}）。请安装为这类电脑制作的版本，或更新的版本。</translation>
    </message>
    <message>
        <source>its chat template is broken ({problem})</source>
        <translation>它的对话模板有问题（{problem}）</translation>
    </message>
    <message>
        <source>this model has no chat template: use a raw prompt</source>
        <translation>这个模型没有对话模板：请使用原始提示词</translation>
    </message>
    <message>
        <source>the model&apos;s chat template failed: {problem}</source>
        <translation>模型的对话模板出错：{problem}</translation>
    </message>
    <message>
        <source>the text is too long for the model&apos;s context ({tokens} tokens, at most {budget}): select less</source>
        <translation>文字超出了模型的上下文长度（{tokens} 个词元，最多 {budget} 个）：请少选一些</translation>
    </message>
    <message>
        <source>llama.cpp crashed ({fault}) in the first decode after loading {model}, so it runs in safe mode: no repacked weights or special matrix kernels, and no GPU. Suggestions are slower on some processors, but they work.</source>
        <translation>llama.cpp 在载入 {model} 后的第一次解码中崩溃（{fault}），所以它以安全模式运行：不重排权重、不用特殊的矩阵内核，也不用 GPU。在某些处理器上建议会慢一些，但可以正常使用。</translation>
    </message>
    <message>
        <source>llama.cpp crashed ({fault}) in two requests in a row while writing with {model}, so it runs in safe mode: no repacked weights or special matrix kernels, and no GPU. Suggestions are slower on some processors, but they work.</source>
        <translation>llama.cpp 在使用 {model} 写作时连续两次请求都崩溃了（{fault}），所以它以安全模式运行：不重排权重、不用特殊的矩阵内核，也不用 GPU。在某些处理器上建议会慢一些，但可以正常使用。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>llama.cpp crashed ({fault}) on this computer while loading {model}, even in safe mode. Processor: {cpu}. llama.cpp: {build}. Choose another model; if every model fails, report this message.</source>
        <translation>即使在安全模式下，llama.cpp 在这台电脑上载入 {model} 时也崩溃了（{fault}）。处理器：{cpu}。llama.cpp：{build}。请选择其他模型；如果所有模型都失败，请报告这条消息。</translation>
    </message>
    <message>
        <source>the embedded model</source>
        <translation>内置模型</translation>
    </message>
    <message>
        <source>The engine is not running.</source>
        <translation>引擎没有在运行。</translation>
    </message>
    <message>
        <source>llama.cpp could not quantize {name} (error {code}).</source>
        <translation>llama.cpp 无法量化 {name}（错误 {code}）。</translation>
    </message>
    <message>
        <source>The engine ended a request without finishing it.</source>
        <translation>引擎没有完成请求就结束了。</translation>
    </message>
</context>
<context>
    <name>EngineBridge</name>
    <message>
        <source>stopped answering</source>
        <translation>停止了响应</translation>
    </message>
    <message>
        <source>was stopped by signal {signal}</source>
        <translation>被信号 {signal} 终止</translation>
    </message>
    <message>
        <source>exited with status {status}</source>
        <translation>以状态 {status} 退出</translation>
    </message>
    <message>
        <source>Stopped: another model is loading.</source>
        <translation>已停止：正在载入另一个模型。</translation>
    </message>
    <message>
        <source>Starting the engine</source>
        <translation>正在启动引擎</translation>
    </message>
    <message>
        <source>stopped answering for {seconds} s</source>
        <translation>{seconds} 秒没有响应</translation>
    </message>
    <message>
        <source>made no progress for {seconds} s</source>
        <translation>{seconds} 秒没有进展</translation>
    </message>
    <message>
        <source>was still loading after {seconds} s</source>
        <translation>{seconds} 秒后仍在载入</translation>
    </message>
    <message>
        <source>The model engine stopped.</source>
        <translation>模型引擎已停止。</translation>
    </message>
    <message>
        <source>The engine {how}; loading {model} again in safe mode</source>
        <translation>引擎{how}；正在以安全模式重新载入 {model}</translation>
    </message>
    <message>
        <source> twice</source>
        <translation>两次</translation>
    </message>
    <message>
        <source>The model engine {how}{twice} while loading {model}. The model may need more memory than this computer can give it, or the file may be damaged. Choose another model, or a smaller context size in Preferences → Model.</source>
        <translation>载入 {model} 时模型引擎{twice}{how}。这个模型需要的内存可能超出了这台电脑的能力，或者文件已损坏。请选择其他模型，或在“偏好设置 → 模型”中选择更小的上下文长度。</translation>
    </message>
    <message>
        <source>The engine {how}; loading {model} again</source>
        <translation>引擎{how}；正在重新载入 {model}</translation>
    </message>
    <message>
        <source>The model engine {how}. Your text is safe; the engine restarts on the next suggestion.</source>
        <translation>模型引擎{how}。你的文字安然无恙；引擎会在下一次建议时重新启动。</translation>
    </message>
</context>
<context>
    <name>EnginePage</name>
    <message>
        <source>Automatic (chat messages where the server has a chat template)</source>
        <translation>自动（服务器有对话模板时发送对话消息）</translation>
    </message>
    <message>
        <source>Chat messages (instruction-tuned models)</source>
        <translation>对话消息（指令微调模型）</translation>
    </message>
    <message>
        <source>Raw prompts (base models)</source>
        <translation>原始提示词（基础模型）</translation>
    </message>
    <message>
        <source>&amp;Local: llama.cpp on this computer (nothing leaves it)</source>
        <translation>本地(&amp;L)：在这台电脑上运行 llama.cpp（什么都不会离开这台电脑）</translation>
    </message>
    <message>
        <source>&amp;Remote: a server speaking the OpenAI-compatible protocol</source>
        <translation>远程(&amp;R)：使用兼容 OpenAI 协议的服务器</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>服务器地址：</translation>
    </message>
    <message>
        <source>the server&apos;s first model</source>
        <translation>服务器的第一个模型</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>reading the keychain…</source>
        <translation>正在读取钥匙串…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Kept in the system keychain or a private file, never in the settings file.</source>
        <translation>保存在系统钥匙串或私有文件中，绝不写入设置文件。</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Tasks send:</source>
        <translation>任务发送：</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>With a remote engine, the text around the cursor and the text of each task go to this server, and only to it; the status bar says so while it is in use. Use an address you trust: http:// is not encrypted beyond your own network.</source>
        <translation>使用远程引擎时，光标周围的文字和每个任务的文字都会发送到这个服务器，且只发送到这个服务器；使用期间状态栏会一直提示。请使用你信任的地址：http:// 在你自己的网络之外不加密。</translation>
    </message>
    <message>
        <source>Kept in {where}, never in the settings file.</source>
        <translation>保存在{where}中，绝不写入设置文件。</translation>
    </message>
    <message>
        <source>Type the server&apos;s address first.</source>
        <translation>请先输入服务器地址。</translation>
    </message>
    <message>
        <source>Asking {url}…</source>
        <translation>正在询问 {url}…</translation>
    </message>
    <message>
        <source>Connected: answered in {ms} ms, {models}: {names}.</source>
        <translation>已连接：{ms} 毫秒内响应，{models}：{names}。</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n 个模型</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>{name} is the file being exported: write the export to another file.</source>
        <translation>{name} 就是要导出的文件：请导出到另一个文件。</translation>
    </message>
    <message>
        <source>{name} cannot be written: the folder {folder} does not exist. Choose another folder.</source>
        <translation>无法写入 {name}：文件夹 {folder} 不存在。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Qt could not write the document as {format}.</source>
        <translation>Qt 无法把文档写成 {format}。</translation>
    </message>
    <message>
        <source>Word document (.docx)</source>
        <translation>Word 文档（.docx）</translation>
    </message>
    <message>
        <source>OpenDocument text (.odt)</source>
        <translation>OpenDocument 文本（.odt）</translation>
    </message>
    <message>
        <source>PDF (.pdf)</source>
        <translation>PDF（.pdf）</translation>
    </message>
    <message>
        <source>Web page (.html)</source>
        <translation>网页（.html）</translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation>纯文本（.txt）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Title page</source>
        <translation>标题页</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Author:</source>
        <translation>作者：</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>美国信纸</translation>
    </message>
    <message>
        <source>Page size:</source>
        <translation>纸张大小：</translation>
    </message>
    <message>
        <source> in</source>
        <translation> 英寸</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> 毫米</translation>
    </message>
    <message>
        <source>Margins:</source>
        <translation>页边距：</translation>
    </message>
    <message>
        <source>Manuscript format: 12 pt, double spacing, 1-inch margins, page numbers</source>
        <translation>投稿格式：12 磅、双倍行距、1 英寸页边距、页码</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export As</source>
        <translation>导出为</translation>
    </message>
    <message>
        <source>Exporting {name}…</source>
        <translation>正在导出 {name}…</translation>
    </message>
    <message>
        <source>Exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Replaced {count}</source>
        <translation>已替换 {count} 处</translation>
    </message>
</context>
<context>
    <name>Goal</name>
    <message>
        <source>This session: {typed} typed, {accepted} from accepted suggestions.</source>
        <translation>本次：输入 {typed}，采纳建议 {accepted}。</translation>
    </message>
    <message>
        <source>Today: {here} in this document, {everywhere} in all.</source>
        <translation>今天：本文档 {here}，全部文档 {everywhere}。</translation>
    </message>
    <message>
        <source>Click to set a goal for this session.</source>
        <translation>点击设定本次写作的目标。</translation>
    </message>
    <message>
        <source>Characters to write this session (0: no goal):</source>
        <translation>本次要写的字数（0：不设目标）：</translation>
    </message>
    <message>
        <source>Session Goal</source>
        <translation>本次目标</translation>
    </message>
    <message>
        <source>Words to write this session (0: no goal):</source>
        <translation>本次要写的词数（0：不设目标）：</translation>
    </message>
</context>
<context>
    <name>HubJobs</name>
    <message>
        <source>Unexpected error: {problem}</source>
        <translation>意外错误：{problem}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Gemma 3 270M (embedded)</source>
        <translation>Gemma 3 270M（内置）</translation>
    </message>
    <message>
        <source>Recovery copies cannot be kept in {folder} ({reason}). Save often, or make that folder writable and restart Local Writer.</source>
        <translation>无法在 {folder} 中保存恢复副本（{reason}）。请经常保存，或让这个文件夹可写后重新启动 Local Writer。</translation>
    </message>
    <message>
        <source>{model} is a base model: it continues text rather than following instructions, so “{task}” and the other rewrites may come out rough or repeat the example. An instruction-tuned model (a .gguf whose name says “instruct” or “it”) does these tasks well. Continue Writing and ghost text suit a base model.</source>
        <translation>{model} 是基础模型：它续写文字，而不是听从指令，所以“{task}”和其他改写的结果可能比较粗糙，或重复示例。指令微调模型（名字里带“instruct”或“it”的 .gguf）能把这些任务做好。续写和灰色建议文字适合基础模型。</translation>
    </message>
    <message>
        <source>Get a Model…</source>
        <translation>获取模型…</translation>
    </message>
    <message>
        <source>Text size: {points} pt</source>
        <translation>字号：{points} 磅</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{backend}, {layers} layers</source>
        <translation>{backend}，{layers} 层</translation>
    </message>
    <message>
        <source>{problem} Writing and saving go on; suggestions and tasks wait for the server (or choose Local in Preferences → Engine).</source>
        <translation>{problem} 写作和保存照常进行；建议和任务会等待服务器（也可以在“偏好设置 → 引擎”中选择“本地”）。</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>The model could not start</source>
        <translation>模型无法启动</translation>
    </message>
    <message>
        <source>{problem}

Local Writer goes on with {model}.</source>
        <translation>{problem}

Local Writer 将继续使用 {model}。</translation>
    </message>
    <message>
        <source>the embedded model</source>
        <translation>内置模型</translation>
    </message>
    <message>
        <source>Pause before suggesting</source>
        <translation>建议前的停顿</translation>
    </message>
    <message>
        <source>Milliseconds of quiet before a suggestion:</source>
        <translation>停止输入多少毫秒后给出建议：</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>Accept the whole suggestion</source>
        <translation>接受整条建议</translation>
    </message>
    <message>
        <source>Accept the next word</source>
        <translation>接受下一个词</translation>
    </message>
    <message>
        <source>Dismiss the suggestion</source>
        <translation>忽略建议</translation>
    </message>
    <message>
        <source>Suggest now, without waiting for a pause</source>
        <translation>立即建议，不等待停顿</translation>
    </message>
    <message>
        <source>Typing the suggested letters</source>
        <translation>输入与建议相同的文字</translation>
    </message>
    <message>
        <source>Keeps the rest of the suggestion</source>
        <translation>保留建议的其余部分</translation>
    </message>
    <message>
        <source>Export as Word, OpenDocument, PDF, web page or text</source>
        <translation>导出为 Word、OpenDocument、PDF、网页或纯文本</translation>
    </message>
    <message>
        <source>Undo, Redo</source>
        <translation>撤销、重做</translation>
    </message>
    <message>
        <source>Check spelling as you type, on or off</source>
        <translation>输入时检查拼写：打开或关闭</translation>
    </message>
    <message>
        <source>Focus mode on / off</source>
        <translation>打开或关闭专注模式</translation>
    </message>
    <message>
        <source>Outline of a Markdown file</source>
        <translation>Markdown 文件的大纲</translation>
    </message>
    <message>
        <source>Command palette: every command, by name</source>
        <translation>命令面板：按名称查找所有命令</translation>
    </message>
    <message>
        <source>Zoom in, zoom out, actual size</source>
        <translation>放大、缩小、实际大小</translation>
    </message>
    <message>
        <source>Accept a task&apos;s proposal</source>
        <translation>接受任务的提议</translation>
    </message>
    <message>
        <source>Accept, reject a task&apos;s proposal from anywhere in the text</source>
        <translation>在文中任意位置接受、拒绝任务的提议</translation>
    </message>
    <message>
        <source>Stop it and reject the proposal</source>
        <translation>停止任务并拒绝提议</translation>
    </message>
    <message>
        <source>Stop it; what was written so far stays proposed</source>
        <translation>停止；已写出的部分仍作为建议保留</translation>
    </message>
    <message>
        <source>Retry; next, previous variant</source>
        <translation>重试；下一个、上一个版本</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Models: catalogue, downloads, search, import</source>
        <translation>模型：目录、下载、搜索、导入</translation>
    </message>
    <message>
        <source>The Tasks menu shows each task’s own shortcut.</source>
        <translation>“任务”菜单列出了每个任务自己的快捷键。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Recover &amp;Unsaved Documents…</source>
        <translation>恢复未保存的文档(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>New, Open, Save ({keys}: Save As)</source>
        <translation>新建、打开、保存（{keys}：另存为）</translation>
    </message>
    <message>
        <source>Find, Replace ({next} / {previous}: next, previous)</source>
        <translation>查找、替换（{next} / {previous}：下一个、上一个）</translation>
    </message>
    <message>
        <source>{keys} at a proposal</source>
        <translation>在提议处按 {keys}</translation>
    </message>
    <message>
        <source>{key} during a task</source>
        <translation>任务进行时按 {key}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Replace…</source>
        <translation>替换(&amp;R)…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <source>Find &amp;Previous</source>
        <translation>查找上一个(&amp;P)</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>偏好设置(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Suggestions</source>
        <translation>建议(&amp;S)</translation>
    </message>
    <message>
        <source>Suggest &amp;Now</source>
        <translation>立即建议(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Accept Suggestion</source>
        <translation>接受建议(&amp;A)</translation>
    </message>
    <message>
        <source>Accept Next &amp;Word</source>
        <translation>接受下一个词(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>忽略(&amp;D)</translation>
    </message>
    <message>
        <source>Suggest While I &amp;Pause</source>
        <translation>停顿时自动建议(&amp;P)</translation>
    </message>
    <message>
        <source>Suggestion &amp;Length</source>
        <translation>建议长度(&amp;L)</translation>
    </message>
    <message>
        <source>Pause Before Suggesting…</source>
        <translation>建议前的停顿…</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Get &amp;Models…</source>
        <translation>获取模型(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Choose Model File…</source>
        <translation>选择模型文件(&amp;C)…</translation>
    </message>
    <message>
        <source>Use the &amp;Embedded Model</source>
        <translation>使用内置模型(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Command Palette…</source>
        <translation>命令面板(&amp;C)…</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Local Writer</source>
        <translation>关于 Local Writer(&amp;A)</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>没有最近的文件</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About Local Writer</source>
        <translation>关于 Local Writer</translation>
    </message>
    <message>
        <source>A writing assistant whose language model runs on this computer. Your text never leaves it.</source>
        <translation>一个写作助手，它的语言模型在这台电脑上运行。你的文字永远不会离开这台电脑。</translation>
    </message>
    <message>
        <source>&amp;Outline</source>
        <translation>大纲(&amp;O)</translation>
    </message>
    <message>
        <source>Check &amp;Spelling As I Type</source>
        <translation>输入时检查拼写(&amp;S)</translation>
    </message>
    <message>
        <source>Spelling &amp;Language</source>
        <translation>拼写语言(&amp;L)</translation>
    </message>
    <message>
        <source>Leave Focus</source>
        <translation>退出专注模式</translation>
    </message>
    <message>
        <source>&amp;Focus</source>
        <translation>专注模式(&amp;F)</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <source>Fits</source>
        <translation>放得下</translation>
    </message>
    <message>
        <source>Partly on GPU</source>
        <translation>部分在 GPU 上</translation>
    </message>
    <message>
        <source>Too big</source>
        <translation>太大</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Looking at this computer…</source>
        <translation>正在查看这台电脑…</translation>
    </message>
    <message>
        <source>&amp;Catalogue</source>
        <translation>目录(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Installed</source>
        <translation>已安装(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Search the Hub</source>
        <translation>搜索 Hub(&amp;S)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>是否放得下</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Use</source>
        <translation>使用(&amp;U)</translation>
    </message>
    <message>
        <source>Select a model to read about it.</source>
        <translation>选中一个模型以查看它的介绍。</translation>
    </message>
    <message>
        <source>base</source>
        <comment>a model that only continues text</comment>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>instruct</source>
        <comment>a model that follows instructions</comment>
        <translation>指令模型</translation>
    </message>
    <message>
        <source>{name} (embedded)</source>
        <translation>{name}（内置）</translation>
    </message>
    <message>
        <source>{count} hundred million parameters</source>
        <comment>for languages that count in myriads (亿, 億, 억) only: others keep this English text</comment>
        <translation>{count} 亿参数</translation>
    </message>
    <message>
        <source>{count} ten thousand parameters</source>
        <comment>for languages that count in myriads (万, 萬, 만) only: others keep this English text</comment>
        <translation>{count} 万参数</translation>
    </message>
    <message>
        <source>{count} billion parameters</source>
        <translation>{count} 十亿参数</translation>
    </message>
    <message>
        <source>{count} million parameters</source>
        <translation>{count} 百万参数</translation>
    </message>
    <message>
        <source>ghost text</source>
        <translation>灰色建议文字</translation>
    </message>
    <message>
        <source>continue writing</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>rewrites</source>
        <translation>改写</translation>
    </message>
    <message>
        <source>summaries</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>translation</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>Ships with the app (from {repo}).</source>
        <translation>随应用附带（来自 {repo}）。</translation>
    </message>
    <message>
        <source>From {repo} at {revision}.</source>
        <translation>来自 {repo}（{revision}）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt;: {parameters}, {kind}, trained context {context} tokens, license {license}. Good for {jobs}. {origin} {fit}</source>
        <translation>&lt;b&gt;{label}&lt;/b&gt;：{parameters}，{kind}，训练上下文 {context} 个词元，许可证 {license}。适合{jobs}。{origin}{fit}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{verdict}.</source>
        <translation>{verdict}。</translation>
    </message>
    <message>
        <source>✓ {name} (in use)</source>
        <translation>✓ {name}（使用中）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>在这台电脑上</translation>
    </message>
    <message>
        <source>U&amp;se</source>
        <translation>使用(&amp;S)</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>删除(&amp;L)…</translation>
    </message>
    <message>
        <source>I&amp;mport .gguf…</source>
        <translation>导入 .gguf(&amp;M)…</translation>
    </message>
    <message>
        <source>Search GGUF models on Hugging Face, e.g. “qwen instruct” (goes online)</source>
        <translation>在 Hugging Face 上搜索 GGUF 模型，例如“qwen instruct”（需要联网）</translation>
    </message>
    <message>
        <source>Searc&amp;h</source>
        <translation>搜索(&amp;H)</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Do&amp;wnload</source>
        <translation>下载(&amp;W)</translation>
    </message>
    <message>
        <source>{verdict}, at a {context}-token context</source>
        <translation>{verdict}（上下文为 {context} 个词元时）</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Paused at {share}</source>
        <translation>暂停于 {share}</translation>
    </message>
    <message>
        <source>ships with the app</source>
        <translation>随应用附带</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>{repo}: paused at {share}, Use resumes it</source>
        <translation>{repo}：暂停于 {share}，点“使用”继续</translation>
    </message>
    <message>
        <source>{done} of {total} MB downloaded from {repo} at {revision}; the bytes are kept until you resume or delete it.</source>
        <translation>已从 {repo}（{revision}）下载 {done} / {total} MB；在你继续或删除之前，这些数据都会保留。</translation>
    </message>
    <message>
        <source>Reading the model&apos;s header…</source>
        <translation>正在读取模型的文件头…</translation>
    </message>
    <message>
        <source>unknown architecture</source>
        <translation>未知架构</translation>
    </message>
    <message>
        <source>trained context {context} tokens</source>
        <translation>训练上下文 {context} 个词元</translation>
    </message>
    <message>
        <source>chat template: tasks send chat messages</source>
        <translation>有对话模板：任务发送对话消息</translation>
    </message>
    <message>
        <source>no chat template: a base model, tasks use few-shot prompts</source>
        <translation>没有对话模板：基础模型，任务使用少样本提示词</translation>
    </message>
    <message>
        <source>fill-in-the-middle tokens</source>
        <translation>支持中间填充</translation>
    </message>
    <message>
        <source>Download {name} first.</source>
        <translation>请先下载 {name}。</translation>
    </message>
    <message>
        <source>Deleted the paused download of {name}.</source>
        <translation>已删除 {name} 暂停的下载。</translation>
    </message>
    <message>
        <source>The embedded model ships with the app; it stays.</source>
        <translation>内置模型随应用附带，不能删除。</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <source>Delete {name} ({size}) from this computer? You can download it again later.</source>
        <translation>要从这台电脑上删除 {name}（{size}）吗？以后可以重新下载。</translation>
    </message>
    <message>
        <source>Deleted {name}.</source>
        <translation>已删除 {name}。</translation>
    </message>
    <message>
        <source>Import a model</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <source>Searching the Hub for “{query}”…</source>
        <translation>正在 Hub 上搜索“{query}”…</translation>
    </message>
    <message>
        <source>This computer&apos;s memory could not be read.</source>
        <translation>无法读取这台电脑的内存信息。</translation>
    </message>
    <message>
        <source>a {backend} GPU with {memory} GB</source>
        <translation>一块 {memory} GB 的 {backend} GPU</translation>
    </message>
    <message>
        <source>the CPU (this llama.cpp has no GPU backend)</source>
        <translation>CPU（这个 llama.cpp 没有 GPU 后端）</translation>
    </message>
    <message>
        <source>This computer: {memory} GB of memory; models run on {where}. Fit is judged at a {context}-token context (Preferences).</source>
        <translation>这台电脑：{memory} GB 内存；模型运行在{where}上。是否放得下按 {context} 个词元的上下文判断（见偏好设置）。</translation>
    </message>
    <message>
        <source>{count} GGUF files in {repositories} repositories.</source>
        <translation>在 {repositories} 个仓库中找到 {count} 个 GGUF 文件。</translation>
    </message>
    <message>
        <source>No GGUF files found; try other words.</source>
        <translation>没有找到 GGUF 文件；换个词试试。</translation>
    </message>
</context>
<context>
    <name>ModelSpeed</name>
    <message>
        <source>Measure S&amp;peed</source>
        <translation>测速(&amp;P)</translation>
    </message>
    <message>
        <source>Time the selected model on this computer (about {seconds} seconds, best while you are not typing)</source>
        <translation>在这台电脑上给选中的模型测速（约 {seconds} 秒，最好在你不打字时进行）</translation>
    </message>
    <message>
        <source>Not measured yet</source>
        <translation>尚未测速</translation>
    </message>
    <message>
        <source>suggestions at once</source>
        <translation>建议即时出现</translation>
    </message>
    <message>
        <source>suggestions after about {ms} ms</source>
        <translation>建议约 {ms} 毫秒后出现</translation>
    </message>
    <message>
        <source>suggestions after about {s} s: better for tasks</source>
        <translation>建议约 {s} 秒后出现：更适合做任务</translation>
    </message>
    <message>
        <source>rewrites about {count} characters a second</source>
        <translation>改写每秒约 {count} 字</translation>
    </message>
    <message>
        <source>rewrites about {count} words a second</source>
        <translation>改写每秒约 {count} 词</translation>
    </message>
    <message>
        <source>{suggestions}; {rewrites}</source>
        <translation>{suggestions}；{rewrites}</translation>
    </message>
    <message>
        <source>{words} (measured on another computer)</source>
        <translation>{words}（在另一台电脑上测得）</translation>
    </message>
    <message>
        <source>Measure it to see how it feels on this computer (about {seconds} seconds).</source>
        <translation>测一下速度，看看它在这台电脑上用起来如何（约 {seconds} 秒）。</translation>
    </message>
    <message>
        <source>Reads {read} tokens a second and writes {write}; loads in {load} s. Measured {when} on {computer}.</source>
        <translation>每秒读 {read} 个词元，写 {write} 个；载入需 {load} 秒。{when} 在 {computer} 上测得。</translation>
    </message>
    <message>
        <source>{name} could not be read: {problem}</source>
        <translation>无法读取 {name}：{problem}</translation>
    </message>
    <message>
        <source>Not enough free memory to measure {name} beside the model in use: close other programs, or use it and measure it then.</source>
        <translation>可用内存不足，无法在当前模型之外再载入 {name} 测速：请关闭其他程序，或者先使用它再测速。</translation>
    </message>
    <message>
        <source>Measuring {name} on this computer (about {seconds} seconds)…</source>
        <translation>正在这台电脑上给 {name} 测速（约 {seconds} 秒）…</translation>
    </message>
    <message>
        <source>{name} could not be measured: {problem}</source>
        <translation>无法给 {name} 测速：{problem}</translation>
    </message>
    <message>
        <source>{name} on this computer: {words} (not kept: {problem}).</source>
        <translation>{name} 在这台电脑上：{words}（未能保存：{problem}）。</translation>
    </message>
    <message>
        <source>{name} on this computer: {words}.</source>
        <translation>{name} 在这台电脑上：{words}。</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>正在测速…</translation>
    </message>
    <message>
        <source>Installed model</source>
        <translation>已安装的模型</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>在这台电脑上</translation>
    </message>
    <message>
        <source>Select a model to measure.</source>
        <translation>请选中一个要测速的模型。</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <source>The embedded model could not be prepared in {folder}: {problem}. Check that the disk has 300 MB free, or reinstall Local Writer.</source>
        <translation>无法在 {folder} 中准备内置模型：{problem}。请确认磁盘有 300 MB 可用空间，或重新安装 Local Writer。</translation>
    </message>
    <message>
        <source>The model file ends too early or its header is damaged: it is incomplete or corrupt. Download it again, or choose another model.</source>
        <translation>模型文件过早结束或文件头已损坏：它不完整或已损坏。请重新下载，或选择其他模型。</translation>
    </message>
    <message>
        <source>The model file&apos;s header is damaged (value type {type}).</source>
        <translation>模型文件的文件头已损坏（值类型 {type}）。</translation>
    </message>
    <message>
        <source>The model file “{path}” does not exist. Choose another model.</source>
        <translation>模型文件“{path}”不存在。请选择其他模型。</translation>
    </message>
    <message>
        <source>“{path}” is a folder, not a model file. Choose a .gguf file.</source>
        <translation>“{path}”是文件夹，不是模型文件。请选择一个 .gguf 文件。</translation>
    </message>
    <message>
        <source>“{name}” cannot be used. {problem}</source>
        <translation>“{name}”无法使用。{problem}</translation>
    </message>
    <message>
        <source>The model file “{name}” cannot be read: {reason}.</source>
        <translation>无法读取模型文件“{name}”：{reason}。</translation>
    </message>
    <message>
        <source>This file is not a GGUF model.</source>
        <translation>这个文件不是 GGUF 模型。</translation>
    </message>
    <message>
        <source>This file is not a GGUF model. Choose a .gguf file, such as one downloaded from a model page on Hugging Face.</source>
        <translation>这个文件不是 GGUF 模型。请选择一个 .gguf 文件，例如从 Hugging Face 模型页面下载的文件。</translation>
    </message>
    <message>
        <source>This GGUF file uses version {version}, which is not supported.</source>
        <translation>这个 GGUF 文件使用版本 {version}，目前不支持。</translation>
    </message>
    <message>
        <source>The model file&apos;s header is damaged (a tensor shape).</source>
        <translation>模型文件的文件头已损坏（张量形状）。</translation>
    </message>
    <message>
        <source>The model file “{name}” is incomplete: it has {size} of its {expected} bytes. Download it again, or choose another model.</source>
        <translation>模型文件“{name}”不完整：只有 {expected} 字节中的 {size} 字节。请重新下载，或选择其他模型。</translation>
    </message>
    <message>
        <source>fits: needs {need} of {has}</source>
        <translation>放得下：需要 {need}，可用 {has}</translation>
    </message>
    <message>
        <source>fits on the GPU: needs {need} of {has}</source>
        <translation>GPU 放得下：需要 {need}，可用 {has}</translation>
    </message>
    <message>
        <source>fits with {on_gpu} of {layers} layers on the GPU</source>
        <translation>{layers} 层中有 {on_gpu} 层放在 GPU 上时放得下</translation>
    </message>
    <message>
        <source>fits in memory: needs {need} of {has}</source>
        <translation>内存放得下：需要 {need}，可用 {has}</translation>
    </message>
    <message>
        <source>does not fit: needs {need}, has {has}</source>
        <translation>放不下：需要 {need}，只有 {has}</translation>
    </message>
    <message>
        <source>{verdict} (rough: the context&apos;s cache is known once downloaded)</source>
        <translation>{verdict}（粗略估计：下载后才知道上下文缓存的大小）</translation>
    </message>
    <message>
        <source>The model catalogue cannot be read: {reason}.</source>
        <translation>无法读取模型目录：{reason}。</translation>
    </message>
    <message>
        <source>The speed probe needs a passage of at least {count} words.</source>
        <translation>测速需要一段至少 {count} 个词的文字。</translation>
    </message>
    <message>
        <source>The model wrote too little to be timed.</source>
        <translation>模型写出的内容太少，无法计时。</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Got It</source>
        <translation>知道了</translation>
    </message>
</context>
<context>
    <name>Outline</name>
    <message>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <source>No headings yet: a line that starts with # is one.</source>
        <translation>还没有标题：以 # 开头的一行就是标题。</translation>
    </message>
    <message>
        <source>The outline lists the headings of Markdown (.md) files.</source>
        <translation>大纲列出 Markdown（.md）文件的标题。</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>System language ({name})</source>
        <translation>系统语言（{name}）</translation>
    </message>
    <message>
        <source>A few words</source>
        <translation>几个词</translation>
    </message>
    <message>
        <source>To the end of the sentence</source>
        <translation>到句末</translation>
    </message>
    <message>
        <source>To the end of the paragraph</source>
        <translation>到段末</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Automatic: characters for Chinese and Japanese</source>
        <translation>自动：中文和日文按字数</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>词数</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Automatic (what fits)</source>
        <translation>自动（放得下多少就放多少）</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>全部层</translation>
    </message>
    <message>
        <source>None (CPU only)</source>
        <translation>不使用（仅 CPU）</translation>
    </message>
    <message>
        <source>Rewrite</source>
        <translation>改写</translation>
    </message>
    <message>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Higher gives more varied wording; 0 always picks the likeliest.</source>
        <translation>越高措辞越多变；0 总是选择可能性最大的词。</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>累积概率上限</translation>
    </message>
    <message>
        <source>Only words within this share of the probability are considered.</source>
        <translation>只考虑累计概率在这个比例之内的词。</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>候选词数上限</translation>
    </message>
    <message>
        <source>Only this many likeliest words are considered (0: no limit).</source>
        <translation>只考虑可能性最大的这么多个词（0：不限制）。</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>Above 1 discourages repeating recent words.</source>
        <translation>大于 1 时会减少重复最近用过的词。</translation>
    </message>
    <message>
        <source>Maximum length (tokens)</source>
        <translation>最大长度（词元）</translation>
    </message>
    <message>
        <source>The task stops after this many tokens (about ¾ of a word each).</source>
        <translation>任务写满这么多个词元后停止（一个汉字约为一到两个词元）。</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>偏好设置</translation>
    </message>
    <message>
        <source>&amp;Writing</source>
        <translation>写作(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Spelling</source>
        <translation>拼写(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Engine</source>
        <translation>引擎(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>Suggest while I pause</source>
        <translation>停顿时自动建议</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Pause before suggesting:</source>
        <translation>建议前的停顿：</translation>
    </message>
    <message>
        <source>Suggestion length:</source>
        <translation>建议长度：</translation>
    </message>
    <message>
        <source>Count in the status bar:</source>
        <translation>状态栏统计：</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source> words</source>
        <translation> 词</translation>
    </message>
    <message>
        <source>Session goal:</source>
        <translation>本次目标：</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>The language of menus, dialogs and messages; it changes the next time Local Writer starts.</source>
        <translation>菜单、对话框和消息使用的语言；下次启动 Local Writer 时生效。</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <source>Keep the previous version when saving</source>
        <translation>保存时保留上一版本</translation>
    </message>
    <message>
        <source>Each save keeps the version it replaces in the backups folder of Local Writer&apos;s data folder.</source>
        <translation>每次保存时，被替换的版本会保留在 Local Writer 数据文件夹的 backups 文件夹中。</translation>
    </message>
    <message>
        <source>Reopen the last document at start</source>
        <translation>启动时重新打开上次的文档</translation>
    </message>
    <message>
        <source>With the cursor and the page where you left it.</source>
        <translation>光标和页面停在你离开时的位置。</translation>
    </message>
    <message>
        <source>Smart quotes and dashes as I type</source>
        <translation>输入时使用弯引号和破折号</translation>
    </message>
    <message>
        <source>“ ” ‘ ’ (« », „ “ in the languages that use them) for straight quotes, and — for two hyphens. Undo right after gives back what you typed.</source>
        <translation>把直引号换成 “ ” ‘ ’（在使用 « »、„ “ 的语言中换成它们），把两个连字符换成 —。紧接着撤销即可恢复你输入的原样。</translation>
    </message>
    <message>
        <source>The shipped writing fonts</source>
        <translation>自带的写作字体</translation>
    </message>
    <message>
        <source>Writing font:</source>
        <translation>写作字体：</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>View → Zoom In and Zoom Out (Ctrl+= and Ctrl+-) change it too.</source>
        <translation>“视图 → 放大”和“缩小”（Ctrl+= 和 Ctrl+-）也会改变它。</translation>
    </message>
    <message>
        <source>Text size:</source>
        <translation>字号：</translation>
    </message>
    <message>
        <source>Space between paragraphs</source>
        <translation>段落之间留空</translation>
    </message>
    <message>
        <source>First line indented</source>
        <translation>首行缩进</translation>
    </message>
    <message>
        <source>Neither</source>
        <translation>都不要</translation>
    </message>
    <message>
        <source>On screen only: the file keeps one line per paragraph.</source>
        <translation>只改变屏幕上的样子：文件里仍是一段一行。</translation>
    </message>
    <message>
        <source>Paragraphs:</source>
        <translation>段落：</translation>
    </message>
    <message>
        <source>Line spacing:</source>
        <translation>行距：</translation>
    </message>
    <message>
        <source>Layers llama.cpp puts on the GPU. Automatic offloads what the memory estimate says fits; type a number to choose.</source>
        <translation>llama.cpp 放到 GPU 上的层数。“自动”按内存估算能放下多少就放多少；也可以输入一个数字。</translation>
    </message>
    <message>
        <source>GPU layers:</source>
        <translation>GPU 层数：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>CPU 线程数：</translation>
    </message>
    <message>
        <source>{size} tokens</source>
        <translation>{size} 个词元</translation>
    </message>
    <message>
        <source>Context size:</source>
        <translation>上下文长度：</translation>
    </message>
    <message>
        <source>{size} characters</source>
        <translation>{size} 个字符</translation>
    </message>
    <message>
        <source>How much of the text before the cursor the model reads for a suggestion. More gives it more of the story; the context size must hold it.</source>
        <translation>写建议时模型读取光标前多少文字。越多，模型看到的故事越多；上下文大小必须容得下。</translation>
    </message>
    <message>
        <source>Suggestions read:</source>
        <translation>建议读取：</translation>
    </message>
    <message>
        <source>A longer context lets tasks see more text but needs more memory. The model reloads when the GPU layers, threads or context size change; what suggestions read applies at once.</source>
        <translation>上下文越长，任务能看到的文字越多，但需要更多内存。GPU 层数、线程数或上下文大小改变后模型会重新载入；建议读取的长度立即生效。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Installed models on this computer&lt;/b&gt;</source>
        <translation>&lt;b&gt;这台电脑上已安装的模型&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Sampling for each kind of task. A template that sets a value in its own [sampling] table keeps it; every value it leaves out comes from here.</source>
        <translation>每类任务的采样设置。模板在自己的 [sampling] 表中设定的值优先；没有设定的值都取自这里。</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Check spelling as I type</source>
        <translation>输入时检查拼写</translation>
    </message>
    <message>
        <source>Default language:</source>
        <translation>默认语言：</translation>
    </message>
    <message>
        <source>Add Dictionary…</source>
        <translation>添加词典…</translation>
    </message>
    <message>
        <source>English comes with Local Writer. Dictionaries for other languages are LibreOffice&apos;s Hunspell dictionaries: a .dic and an .aff file, or a LibreOffice extension (.oxt), from {url} or extensions.libreoffice.org. A document’s own language is chosen in the status bar; a new document is checked in the language its text fits, or in this one.</source>
        <translation>Local Writer 自带英语词典。其他语言使用 LibreOffice 的 Hunspell 词典：一个 .dic 文件和一个 .aff 文件，或一个 LibreOffice 扩展（.oxt），可从 {url} 或 extensions.libreoffice.org 获取。单个文档的语言在状态栏中选择；新文档按其文字所属的语言检查，否则使用这里的语言。</translation>
    </message>
    <message>
        <source>Automatic (from the text)</source>
        <translation>自动（根据文字）</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Identical to the file on disk.</source>
        <translation>与磁盘上的文件相同。</translation>
    </message>
    <message>
        <source>Recover Unsaved Documents</source>
        <translation>恢复未保存的文档</translation>
    </message>
    <message>
        <source>Local Writer did not close normally last time. These documents had changes that were not saved. Restore one to keep working on it, or discard it.</source>
        <translation>Local Writer 上次没有正常关闭。这些文档有未保存的更改。恢复一个文档以继续编辑，或者丢弃它。</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>Decide &amp;Later</source>
        <translation>稍后决定(&amp;L)</translation>
    </message>
    <message>
        <source>Keep the copies; File → Recover Unsaved Documents shows them again.</source>
        <translation>保留这些副本；“文件 → 恢复未保存的文档”会再次列出它们。</translation>
    </message>
    <message>
        <source>never saved</source>
        <translation>从未保存</translation>
    </message>
    <message>
        <source>Never saved: {words}, {characters}.</source>
        <translation>从未保存：{words}，{characters}。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <comment>the count: each Chinese or Japanese character and each word of other scripts once</comment>
        <translation>
            <numerusform>%Ln 字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln 个词</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln 个字符</numerusform>
        </translation>
    </message>
    <message>
        <source>Differs from the file on disk: {here} here, {disk} on disk.</source>
        <translation>与磁盘上的文件不同：这里有 {here}，磁盘上有 {disk}。</translation>
    </message>
    <message>
        <source>Differs from the file on disk: {added}, {removed}.</source>
        <translation>与磁盘上的文件不同：{added}，{removed}。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) added or changed</source>
        <translation>
            <numerusform>%Ln 行新增或修改</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) removed or changed</source>
        <translation>
            <numerusform>%Ln 行删除或修改</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Remote</name>
    <message>
        <source>The server at {url} has no model “{model}” (it offers: {offered}). Choose one of its models in Preferences → Engine.</source>
        <translation>{url} 上的服务器没有模型“{model}”（它提供：{offered}）。请在“偏好设置 → 引擎”中选择它的一个模型。</translation>
    </message>
    <message>
        <source>{problem} Local Writer asks the server again in {seconds} s.</source>
        <translation>{problem} Local Writer 会在 {seconds} 秒后再次询问服务器。</translation>
    </message>
    <message>
        <source>The server at {url} refused the request ({status}): it needs an API key, or the key given is wrong. Check the key in Preferences → Engine.</source>
        <translation>{url} 上的服务器拒绝了请求（{status}）：它需要 API 密钥，或者提供的密钥不对。请在“偏好设置 → 引擎”中检查密钥。</translation>
    </message>
    <message>
        <source>the model “{model}”</source>
        <translation>模型“{model}”</translation>
    </message>
    <message>
        <source>this request</source>
        <translation>这个请求</translation>
    </message>
    <message>
        <source>The server at {url} has no {model} (404). Choose one of its models in Preferences → Engine.</source>
        <translation>{url} 上的服务器没有{model}（404）。请在“偏好设置 → 引擎”中选择它的一个模型。</translation>
    </message>
    <message>
        <source>The server at {url} is busy and asked to wait {seconds} s (429). Suggestions resume by themselves.</source>
        <translation>{url} 上的服务器正忙，要求等待 {seconds} 秒（429）。建议会自动恢复。</translation>
    </message>
    <message>
        <source>The server at {url} failed ({status}). Suggestions resume when it recovers; its own log says more.</source>
        <translation>{url} 上的服务器出错（{status}）。它恢复后建议会继续；它自己的日志有更多信息。</translation>
    </message>
    <message>
        <source>The server at {url} did not answer like an OpenAI-compatible server (GET /v1/models).</source>
        <translation>{url} 上的服务器的回答不像兼容 OpenAI 的服务器（GET /v1/models）。</translation>
    </message>
    <message>
        <source>The server at {url} accepted the connection but did not answer within {seconds} s. It may be busy or stuck; its own log says more.</source>
        <translation>{url} 上的服务器接受了连接，但 {seconds} 秒内没有回答。它可能正忙或卡住了；它自己的日志有更多信息。</translation>
    </message>
    <message>
        <source>The server at {url} did not answer within {seconds} s. Check that it is running and the address is right (Preferences → Engine).</source>
        <translation>{url} 上的服务器 {seconds} 秒内没有回答。请确认它在运行，并且地址正确（偏好设置 → 引擎）。</translation>
    </message>
    <message>
        <source>Local Writer cannot reach the server at {url} ({problem}). Check that it is running and the address is right (Preferences → Engine).</source>
        <translation>Local Writer 无法连接 {url} 上的服务器（{problem}）。请确认它在运行，并且地址正确（偏好设置 → 引擎）。</translation>
    </message>
    <message>
        <source>The server at {url} reported an error: {problem}</source>
        <translation>{url} 上的服务器报告了一个错误：{problem}</translation>
    </message>
    <message>
        <source>The server at {url} cut the stream before its end. What arrived is kept; ask again for more.</source>
        <translation>{url} 上的服务器在结束前中断了输出。已收到的内容会保留；可以再次请求更多。</translation>
    </message>
    <message>
        <source>The server at {url} stopped sending for {seconds} s.</source>
        <translation>{url} 上的服务器已经 {seconds} 秒没有发送内容。</translation>
    </message>
    <message>
        <source>The connection to {url} broke mid-reply ({problem}).</source>
        <translation>与 {url} 的连接在回答中途断开（{problem}）。</translation>
    </message>
    <message>
        <source>The server at {url} sent something that is not an OpenAI-compatible stream.</source>
        <translation>{url} 上的服务器发送的内容不是兼容 OpenAI 的数据流。</translation>
    </message>
    <message>
        <source>Reading the reply of the server at {url} failed ({problem}).</source>
        <translation>读取 {url} 上服务器的回答时出错（{problem}）。</translation>
    </message>
</context>
<context>
    <name>SessionGoal</name>
    <message numerus="yes">
        <source>{written} / %Ln character(s) ({share} %)</source>
        <translation>
            <numerusform>{written} / %Ln 字（{share}%）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{written} / %Ln word(s) ({share} %)</source>
        <translation>
            <numerusform>{written} / %Ln 个词（{share}%）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s) this session</source>
        <translation>
            <numerusform>本次已写 %Ln 字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s) this session</source>
        <translation>
            <numerusform>本次已写 %Ln 个词</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Spelling</name>
    <message>
        <source>it is not UTF-8 text (line {line})</source>
        <translation>它不是 UTF-8 文本（第 {line} 行）</translation>
    </message>
    <message>
        <source>Your personal dictionary {path} could not be read: {reason}. It is left as it is, and words you add are known only until you quit. Save it as UTF-8 text, a word a line, to use it again.</source>
        <translation>无法读取你的个人词典 {path}：{reason}。文件保持原样，你添加的词只在退出前有效。请把它存为 UTF-8 文本、每行一个词，即可再次使用。</translation>
    </message>
    <message>
        <source>{name} needs {partner} beside it: a Hunspell dictionary is a .dic and an .aff file of the same name.</source>
        <translation>{name} 旁边需要有 {partner}：Hunspell 词典由同名的 .dic 和 .aff 两个文件组成。</translation>
    </message>
    <message>
        <source>{name} is not a dictionary: choose a .dic file, a folder of them, or a LibreOffice extension (.oxt).</source>
        <translation>{name} 不是词典：请选择 .dic 文件、包含词典的文件夹，或 LibreOffice 扩展（.oxt）。</translation>
    </message>
    <message>
        <source>{name} could not be read ({problem}).</source>
        <translation>无法读取 {name}（{problem}）。</translation>
    </message>
    <message>
        <source>No dictionary was found in {name}: a Hunspell dictionary is a .dic and an .aff file of the same name.</source>
        <translation>在 {name} 中没有找到词典：Hunspell 词典由同名的 .dic 和 .aff 两个文件组成。</translation>
    </message>
    <message>
        <source>The dictionary could not be copied into {folder} ({problem}).</source>
        <translation>无法把词典复制到 {folder}（{problem}）。</translation>
    </message>
    <message>
        <source>The language this document is checked in</source>
        <translation>检查本文档拼写所用的语言</translation>
    </message>
    <message>
        <source>The dictionary {name} could not be loaded ({problem}). Choose another in the status bar.</source>
        <translation>无法载入词典 {name}（{problem}）。请在状态栏中选择其他词典。</translation>
    </message>
    <message>
        <source>No spelling</source>
        <translation>不检查拼写</translation>
    </message>
    <message>
        <source>Do Not Check This Document</source>
        <translation>不检查本文档</translation>
    </message>
    <message>
        <source>Add Dictionary…</source>
        <translation>添加词典…</translation>
    </message>
    <message>
        <source>Add Dictionary</source>
        <translation>添加词典</translation>
    </message>
    <message>
        <source>Hunspell dictionaries (*.dic *.aff *.oxt *.zip);;All files (*)</source>
        <translation>Hunspell 词典 (*.dic *.aff *.oxt *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <source>(No suggestions)</source>
        <translation>（没有建议）</translation>
    </message>
    <message>
        <source>Add “{word}” to Dictionary</source>
        <translation>将“{word}”添加到词典</translation>
    </message>
    <message>
        <source>Ignore “{word}”</source>
        <translation>忽略“{word}”</translation>
    </message>
    <message>
        <source>Spelling</source>
        <translation>拼写</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <source>Preparing model…</source>
        <translation>正在准备模型…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Engine stopped</source>
        <translation>引擎已停止</translation>
    </message>
    <message>
        <source>⇅ Text goes to {server}</source>
        <translation>⇅ 文字发送到 {server}</translation>
    </message>
    <message>
        <source>A remote engine writes: the text around the cursor and the text of each task are sent to {url}, and nowhere else. Preferences → Engine → Local keeps everything on this computer.</source>
        <translation>正在使用远程引擎：光标周围的文字和每个任务的文字都会发送到 {url}，不会发往别处。“偏好设置 → 引擎 → 本地”可以让一切都留在这台电脑上。</translation>
    </message>
    <message>
        <source>running in safe mode</source>
        <translation>以安全模式运行</translation>
    </message>
    <message>
        <source>llama.cpp: {build}</source>
        <translation>llama.cpp：{build}</translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <source>A task is under way: its proposal comes first.</source>
        <translation>有任务正在进行：先处理它的提议。</translation>
    </message>
    <message>
        <source>No suggestion here: write a few words first, or move the cursor out of the word.</source>
        <translation>此处没有建议：请先写几个字，或把光标移出这个词。</translation>
    </message>
    <message>
        <source>No model is ready: wait for it to load, or choose one.</source>
        <translation>还没有可用的模型：请等待它载入，或者选择一个模型。</translation>
    </message>
    <message>
        <source>The model has nothing to suggest here.</source>
        <translation>模型在此处没有可提供的建议。</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>&amp;Insert at Cursor</source>
        <translation>插入到光标处(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Replace Selection</source>
        <translation>替换所选内容(&amp;R)</translation>
    </message>
</context>
<context>
    <name>TaskController</name>
    <message>
        <source>Select some text first, then choose “{task}”.</source>
        <translation>请先选中一些文字，再选择“{task}”。</translation>
    </message>
    <message>
        <source>No model is ready: wait for it to load, or choose one.</source>
        <translation>还没有可用的模型：请等待它载入，或者选择一个模型。</translation>
    </message>
    <message>
        <source>The model only repeated the example of “{task}”, not an answer for your text. Try again, or choose a larger model.</source>
        <translation>模型只是重复了“{task}”的示例，没有针对你的文字作答。请再试一次，或选择更大的模型。</translation>
    </message>
    <message>
        <source>The model wrote nothing for “{task}”. Try again, or choose a larger model.</source>
        <translation>模型没有为“{task}”写出任何内容。请再试一次，或选择更大的模型。</translation>
    </message>
</context>
<context>
    <name>TaskQuestions</name>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>西班牙语</translation>
    </message>
    <message>
        <source>French</source>
        <translation>法语</translation>
    </message>
    <message>
        <source>German</source>
        <translation>德语</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>意大利语</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>葡萄牙语</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>荷兰语</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>瑞典语</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>丹麦语</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>挪威语</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>芬兰语</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>波兰语</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>捷克语</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>希腊语</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>土耳其语</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>俄语</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>乌克兰语</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>阿拉伯语</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>希伯来语</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>印地语</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>印度尼西亚语</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>越南语</translation>
    </message>
    <message>
        <source>Chinese (Simplified)</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Chinese (Traditional)</source>
        <translation>繁体中文</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <source>How should it be rewritten? (for example: “in the present tense”)</source>
        <translation>要怎样改写？（例如：“改成现在时”）</translation>
    </message>
    <message>
        <source>Translate into:</source>
        <translation>翻译成：</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop writing, keep what is written (Shift+Esc)</source>
        <translation>停止写作，保留已写的内容（Shift+Esc）</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Use the proposal (Enter or Tab)</source>
        <translation>采用提议（回车或 Tab）</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Keep the text as it was (Esc)</source>
        <translation>保持原文不变（Esc）</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Write another variant (Ctrl+Shift+R)</source>
        <translation>再写一个版本（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>{task}: writing…</source>
        <translation>{task}：正在写…</translation>
    </message>
    <message>
        <source>{task}: Enter accepts, Esc rejects</source>
        <translation>{task}：回车接受，Esc 拒绝</translation>
    </message>
</context>
<context>
    <name>TasksMenu</name>
    <message>
        <source>&amp;Tasks</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Accept Proposal</source>
        <translation>接受提议(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reject Proposal</source>
        <translation>拒绝提议(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Next Variant</source>
        <translation>下一个版本(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Variant</source>
        <translation>上一个版本(&amp;P)</translation>
    </message>
    <message>
        <source>A template could not be used: {error}</source>
        <translation>有一个模板无法使用：{error}</translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <source>Continue Writing</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>Expand</source>
        <translation>扩写</translation>
    </message>
    <message>
        <source>Fix Grammar and Spelling</source>
        <translation>修正语法和错别字</translation>
    </message>
    <message>
        <source>Improve</source>
        <translation>润色</translation>
    </message>
    <message>
        <source>More Casual</source>
        <translation>更口语</translation>
    </message>
    <message>
        <source>More Formal</source>
        <translation>更正式</translation>
    </message>
    <message>
        <source>Rewrite with an Instruction…</source>
        <translation>按要求改写…</translation>
    </message>
    <message>
        <source>Shorten</source>
        <translation>缩短</translation>
    </message>
    <message>
        <source>Simplify</source>
        <translation>简化</translation>
    </message>
    <message>
        <source>Summarize as Bullet Points</source>
        <translation>要点摘要</translation>
    </message>
    <message>
        <source>Summarize in One Sentence</source>
        <translation>一句话摘要</translation>
    </message>
    <message>
        <source>Summarize in a Paragraph</source>
        <translation>一段话摘要</translation>
    </message>
    <message>
        <source>Translate…</source>
        <translation>翻译…</translation>
    </message>
    <message>
        <source>Rewrite</source>
        <translation>改写</translation>
    </message>
    <message>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写作</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>{file}, line {line}: {problem}</source>
        <translation>{file}，第 {line} 行：{problem}</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}：{problem}</translation>
    </message>
    <message>
        <source>cannot be read: {problem}</source>
        <translation>无法读取：{problem}</translation>
    </message>
    <message>
        <source>not valid TOML: {problem}</source>
        <translation>不是有效的 TOML：{problem}</translation>
    </message>
    <message>
        <source>“{key}” must be a non-empty text</source>
        <translation>“{key}”必须是非空文字</translation>
    </message>
    <message>
        <source>“{key}” must be one of: {allowed}</source>
        <translation>“{key}”必须是以下之一：{allowed}</translation>
    </message>
    <message>
        <source>[raw] may hold “prompt” and tables of a language (such as [raw.zh]), not “{name}”</source>
        <translation>[raw] 中只能有“prompt”和按语言划分的表（例如 [raw.zh]），不能有“{name}”</translation>
    </message>
    <message>
        <source>[raw.{language}] needs a “prompt” and nothing else</source>
        <translation>[raw.{language}] 只需要一个“prompt”，不能有别的</translation>
    </message>
    <message>
        <source>[raw] needs a “prompt” for text in other languages</source>
        <translation>[raw] 需要一个用于其他语言文字的“prompt”</translation>
    </message>
    <message>
        <source>template error: {problem}</source>
        <translation>模板错误：{problem}</translation>
    </message>
    <message>
        <source>uses {names} without listing it in “variables”</source>
        <translation>使用了 {names}，但没有在“variables”中列出</translation>
    </message>
    <message>
        <source>[sampling] must be a table</source>
        <translation>[sampling] 必须是一个表</translation>
    </message>
    <message>
        <source>unknown sampling setting “{key}”</source>
        <translation>未知的采样设置“{key}”</translation>
    </message>
    <message>
        <source>“{key}” has the wrong type</source>
        <translation>“{key}”的类型不对</translation>
    </message>
    <message>
        <source>“stop” must be a list of non-empty texts</source>
        <translation>“stop”必须是非空文字的列表</translation>
    </message>
    <message>
        <source>unknown setting “{key}”</source>
        <translation>未知的设置“{key}”</translation>
    </message>
    <message>
        <source>“variables” may list only: {names}</source>
        <translation>“variables”只能列出：{names}</translation>
    </message>
    <message>
        <source>needs a [chat] “user” message or a [raw] “prompt”</source>
        <translation>需要一个 [chat] 的“user”消息或一个 [raw] 的“prompt”</translation>
    </message>
    <message>
        <source>the power {power} is too large</source>
        <translation>幂 {power} 太大</translation>
    </message>
    <message>
        <source>a repetition makes the text too long</source>
        <translation>重复让文字太长了</translation>
    </message>
    <message>
        <source>the template took longer than {seconds} s</source>
        <translation>模板运行超过了 {seconds} 秒</translation>
    </message>
    <message>
        <source>the template wrote more than {count} characters</source>
        <translation>模板写出了超过 {count} 个字符</translation>
    </message>
    <message>
        <source>the template tried something unsafe: {problem}</source>
        <translation>模板尝试了不安全的操作：{problem}</translation>
    </message>
</context>
<context>
    <name>WriterStatusBar</name>
    <message numerus="yes">
        <source>%Ln Chinese or Japanese character(s)</source>
        <translation>
            <numerusform>中日文字符 %Ln 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s) of other scripts (punctuation not counted)</source>
        <translation>
            <numerusform>其他文字的词 %Ln 个（标点不计）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s) with spaces and punctuation</source>
        <translation>
            <numerusform>字符数 %Ln（含空格和标点）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <comment>the count: each Chinese or Japanese character and each word of other scripts once</comment>
        <translation>
            <numerusform>%Ln 字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>%Ln 个词</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>%Ln 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln character(s) without spaces</source>
        <translation>
            <numerusform>字符数 %Ln（不含空格）</numerusform>
        </translation>
    </message>
</context>
</TS>
