history-waited-for-claim = (после привязки заявки, { $whole },{ $tenth } с)
history-waited-scheduling = (после { $count } { $count ->
        [one] предупреждения
        [few] предупреждений
        [many] предупреждений
       *[other] предупреждения
    } FailedScheduling, { $whole },{ $tenth } с)
history-scaled = stsdash изменил число реплик { $statefulset } с { $from } до { $to }
history-deleted-pod = stsdash удалил под { $pod }
history-opened-shell = stsdash открыл shell в поде { $pod } ({ $container })
history-could-not-scale = stsdash не смог изменить число реплик { $statefulset } с { $from } до { $to }: { $why }
history-could-not-delete = stsdash не смог удалить под { $pod }: { $why }
history-could-not-exec = stsdash не смог открыть shell в поде { $pod } ({ $container }): { $why }
history-did-not-scale = stsdash не стал менять число реплик { $statefulset } с { $from } до { $to }: { $why }
history-did-not-delete = stsdash не стал удалять под { $pod }: { $why }
history-did-not-exec = stsdash не стал открывать shell в поде { $pod } ({ $container }): { $why }
history-mark-scale = масштаб { $from } → { $to }
history-mark-delete = удаление
history-mark-refused = { $what }: отказ
history-mark-failed = { $what }: ошибка
