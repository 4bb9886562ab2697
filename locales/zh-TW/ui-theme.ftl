theme-unknown = 沒有名為 "{ $name }" 的主題（內建：default、light、projector、colorblind；或指定 .toml 檔案的路徑）
theme-read = 無法讀取主題 { $file }：{ $reason }
theme-invalid = 主題 { $file }，第 { $line } 行：{ $reason }
theme-bad-value = 主題 { $file }，第 { $line } 行，鍵 { $key }：{ $reason }
theme-cycle = 主題 { $name } 繼承了自己
theme-unknown-colour = 未知的顏色 "{ $colour }"（例如 light_green、#rrggbb 或 0-255）
