phrase-list-separator = {", "}
phrase-list-more = { $shown } и ещё { $more }
phrase-minutes = { $n } мин
phrase-hours = { $n } ч
phrase-first-ordinal-zero = первым идёт порядковый номер 0
phrase-first-ordinal-start = первым идёт начальный порядковый номер ({ $start }, ordinals.start)
# Без местоимения: держать может и под, и заявку, и StatefulSet.
phrase-finalizer-keeps = удерживается финализатором { $finalizer }
phrase-finalizers-keep = удерживается финализаторами { $finalizers }
phrase-available = {" "}и доступен (Ready в течение minReadySeconds { $seconds }s)
