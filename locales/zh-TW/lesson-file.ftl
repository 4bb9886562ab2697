lesson-file-unknown-language = { $field }.{ $tag }：不認識的語言（en、ru、zh-TW）
lesson-file-language-twice = { $field }.{ $tag }：這個語言寫了兩次
lesson-file-no-english = { $field }：語言表格需要英文（{ $field }.en）
lesson-file-no-such-lesson = 沒有名為 { $name } 的課程（stsdash lesson --list；或給檔案路徑）
lesson-file-not-built-in = 不在 stsdash 內建的 manifest 中
lesson-file-not-recorded = 不在錄製中
lesson-file-has-directory = 課程檔案應有所在目錄
lesson-file-outside = 在課程目錄 { $directory } 之外（課程只讀取它旁邊或下層的檔案）
lesson-file-invalid-yaml = YAML 無效：{ $error }
lesson-file-document-lacks = 第 { $number } 份文件：沒有 { $field }
lesson-file-document-not-mapping = 第 { $number } 份文件：不是 mapping
lesson-file-cluster-wide = kind { $kind } 屬於整個叢集：課程只建立命名空間內的物件、PersistentVolume 與 StorageClass，除非檔案寫明 cluster_objects = true 且你加上 --allow-cluster-objects
lesson-file-no-step = { $file }：課程沒有任何 [[step]]
lesson-file-question-alone = 問題需要答案（answer）
lesson-file-answer-alone = 有答案卻沒有問題
lesson-file-unknown-act = 不認識的步驟種類「{ $act }」（{ $known }）
lesson-file-takes-no = do = "{ $act }" 不接受 { $field }
lesson-file-needs = do = "{ $act }" 需要 { $field }
lesson-file-needs-two = do = "{ $act }" 需要 { $first } 與 { $second }
lesson-file-needs-key-or-kubectl = do = "{ $act }" 需要 key 或 kubectl
lesson-file-negative-replicas = replicas 不能是負數
lesson-file-object-form = object "{ $object }"：種類 名稱，種類為 pod、claim、statefulset 或 service
lesson-file-object-unknown = object "{ $object }" 沒有對應的物件：{ $reason }
lesson-file-pod-unknown = pod 沒有對應的物件：{ $reason }
lesson-file-until-not-string = until：條件必須是字串
lesson-file-condition-unknown = 條件「{ $condition }」沒有對應的物件：{ $reason }
lesson-file-not-a-pod = { $name } 不是 { $sets } 的 Pod
lesson-file-not-a-statefulset = { $name } 不是 { $sets } 的 StatefulSet
lesson-file-no-statefulsets = 這個課程的 manifest（它們沒有建立任何 StatefulSet）
lesson-file-no-claim = 這個課程的 manifest 沒有建立 PVC { $name }（PVC：{ $claims }）
lesson-file-no-claims = 這個課程的 manifest 沒有建立 PVC { $name }（沒有 PVC）
lesson-file-no-volume = 這個課程的 manifest 沒有建立 volume { $name }（動態配置的 volume 以它的 PVC 稱呼："volume of PVC名稱"）
lesson-file-not-a-row = { $row } 既不是這個課程的 manifest 建立的 Pod，也不是 PVC
lesson-file-unknown-pane = 不認識的面板「{ $pane }」（header、timeline、storage、narration、logs）
lesson-file-empty-place = 空的位置
lesson-file-no-rows = { $pane } 沒有可指定的列
lesson-file-place-form = 「{ $place }」：一個面板，最多一列
lesson-file-logs-of-which = 哪個 Pod 的 log？（logs POD）
lesson-file-empty-condition = 空的條件
lesson-file-volume-unnamed = volume 條件沒有指定 volume
lesson-file-not-a-count = 「{ $text }」不是副本數
lesson-file-state-missing = 缺少狀態（{ $known }）
lesson-file-unknown-state = 不認識的狀態「{ $state }」（{ $known }）
