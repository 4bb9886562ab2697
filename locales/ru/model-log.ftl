log-cut = … [{ $count ->
        [one] обрезан { $count } байт
        [few] обрезано { $count } байта
        [many] обрезано { $count } байт
       *[other] обрезано { $count } байта
    }]
log-new-incarnation = ── новый экземпляр пода, uid { $uid } ──
