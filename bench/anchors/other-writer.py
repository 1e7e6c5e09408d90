# A year of exports written the way another team's Python script would write them, to check that speed
# and results do not hang on bench/generate.ts's habits: csv.writer (CRLF, quotes only when needed),
# amounts as str() of a float (1751.7499999999998), merchant ids of varying width (MERCH_7, MERCH_12345),
# times with a space and in random order, upper-case ids in some files, columns in another order.
#   python3 bench/anchors/other-writer.py OUT_DIR [ROWS_PER_DAY] [DAYS]
import csv, datetime, os, random, sys

out = sys.argv[1]
per_day = int(sys.argv[2]) if len(sys.argv) > 2 else 27000
days = int(sys.argv[3]) if len(sys.argv) > 3 else 366
os.makedirs(out, exist_ok=True)
rnd = random.Random(42)
products = [('POS', 'CARD_TRANSACTION', 500000), ('AIRTIME', 'AIRTIME_PURCHASE', 10000), ('BILLS', 'BILL_PAYMENT', 100000),
            ('SAVINGS', 'SAVINGS_DEPOSIT', 500000), ('MONIEBOOK', 'INVOICE_CREATED', 100000), ('CARD_PAYMENT', 'CARD_PAYMENT', 2000000)]
kyc = ['DOCUMENT_SUBMITTED', 'VERIFICATION_COMPLETED', 'TIER_UPGRADE']
regions = ['LAGOS', 'ABUJA', 'KANO', 'IBADAN', 'PORT_HARCOURT', 'ENUGU', 'KADUNA', 'BENIN', 'JOS', 'ILORIN']
tiers = ['STARTER', 'VERIFIED', 'PREMIUM']
merchants = [(f'MERCH_{m}', rnd.choice(regions), rnd.choice(tiers)) for m in range(1, 20001)]
header = ['merchant_id', 'event_id', 'product', 'event_type', 'event_timestamp', 'amount', 'status', 'channel', 'region', 'merchant_tier']
earlier = []
start = datetime.date(2024, 1, 1)
for d in range(days):
    day = start + datetime.timedelta(days=d)
    upper = d % 7 == 3
    rows = []
    for _ in range(int(per_day * rnd.uniform(0.85, 1.15))):
        code, region, tier = merchants[min(int(rnd.paretovariate(1.2)) - 1, 19999) if rnd.random() < 0.5 else rnd.randrange(20000)]
        if earlier and rnd.random() < 0.0005:
            eid = rnd.choice(earlier)
        else:
            h = f'{rnd.getrandbits(128):032x}'
            eid = f'{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}'
            if rnd.random() < 0.001:
                earlier.append(eid)
        if upper:
            eid = eid.upper()
        if rnd.random() < 0.07:
            product, etype, amount = 'KYC', rnd.choice(kyc), 0.0
        else:
            product, etype, cap = rnd.choice(products)
            amount = rnd.uniform(0.5, 1) ** 6 * cap * 0.4
            amount = amount if rnd.random() < 0.5 else round(amount, 2)
        status = rnd.choices(['SUCCESS', 'FAILED', 'PENDING'], [92, 5, 3])[0]
        ts = datetime.datetime(day.year, day.month, day.day) + datetime.timedelta(seconds=rnd.randrange(86400))
        channel = 'POS' if product == 'POS' else rnd.choice(['APP', 'WEB', 'USSD'])
        r = rnd.random()
        ts_text = '' if r < 0.0001 else 'NOT-A-DATE' if r < 0.0002 else ts.strftime('%Y-%m-%d %H:%M:%S')
        amount_text = 'INVALID' if rnd.random() < 0.0002 else str(amount)
        if rnd.random() < 0.0001:
            code = ''
        rows.append([code, eid, product, etype, ts_text, amount_text, status, channel, region, tier])
    with open(os.path.join(out, f'activities_{day:%Y%m%d}.csv'), 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
