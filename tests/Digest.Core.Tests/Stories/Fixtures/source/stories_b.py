STRIKE = [
 dict(id="p1", source="Coastline Daily", published="2025-03-03", title="Aldmere dockworkers walk out over pay",
  s=[
   ("Dockworkers at the port of Aldmere walked off the job on Monday, halting container traffic at the country's second-largest port.", ["p-walkout","p-halt"]),
   ("The Harbour Workers Union said its 4,200 members wanted a 12 percent pay rise over two years.", ["p-members4200","p-demand12"]),
   ("Port operator Aldmere Terminals has offered 5 percent.", ["p-offer5"]),
   ("\"Our members have waited three years for a fair offer,\" union leader Priya Nandal said outside the main gate.", ["p-quote-waited"]),
   ("About 40 ships were waiting at anchor outside the harbour by Monday evening.", ["p-ships40"]),
  ]),
 dict(id="p2", source="Harbor Wire", published="2025-03-04", title="Ships pile up as Aldmere port strike enters second day",
  s=[
   ("The strike at Aldmere port entered its second day on Tuesday, with 55 vessels now queuing off the coast.", ["p-day2","p-ships55"]),
   ("Union leader Priya Nandal said the 4,200 striking dockworkers would not return until the pay offer was improved.", ["p-members4200","p-noreturn"]),
   ("Workers are asking for a 12 percent rise, while the operator has put 5 percent on the table.", ["p-demand12","p-offer5"]),
   ("Retailers warned that shelves could run short of fresh fruit within a week.", ["p-fruit"]),
   ("Aldmere Terminals chief executive Mark Ellery said the union's demand would make the port uncompetitive.", ["p-ellery-uncompetitive"]),
  ]),
 dict(id="p3", source="Northgate Herald", published="2025-03-05", title="Government calls mediator as Aldmere strike drags on",
  s=[
   ("Transport Minister Olek Brandt appointed a mediator on Wednesday to end the three-day strike at the port of Aldmere.", ["p-mediator","p-day3"]),
   ("Former judge Renata Kowal will chair talks between the Harbour Workers Union and Aldmere Terminals starting Thursday.", ["p-kowal"]),
   ("The dockworkers want a 12 percent pay increase; the company has offered 5 percent.", ["p-demand12","p-offer5"]),
   ("More than 70 ships are now waiting to unload, according to the harbour master.", ["p-ships70"]),
   ("\"The country cannot afford a port that stands still,\" Brandt said.", ["p-quote-brandt"]),
  ]),
 dict(id="p4", source="Meridian Post", published="2025-03-07", title="Aldmere dock strike ends with 9 percent deal",
  s=[
   ("Dockworkers at Aldmere agreed on Friday to end their five-day strike after accepting a 9 percent pay rise over two years.", ["p-deal9","p-end"]),
   ("The agreement was reached after two days of talks chaired by mediator Renata Kowal.", ["p-kowal-talks"]),
   ("\"It is not everything we asked for, but it is a fair result,\" said Priya Nandal, the union's leader.", ["p-quote-fair"]),
   ("The union had originally demanded 12 percent, while Aldmere Terminals first offered 5 percent.", ["p-demand12","p-offer5"]),
   ("Port officials said it would take about ten days to clear the backlog of ships.", ["p-backlog10"]),
  ]),
]

CEASE = [
 dict(id="c1", source="Meridian Post", published="2025-03-10", title="Rovenia and Kesh Front resume ceasefire talks in Lisk",
  s=[
   ("Negotiators for the Rovenian government and the Kesh Front rebels resumed indirect ceasefire talks in the city of Lisk on Monday.", ["c-resume"]),
   ("The talks are mediated by United Nations envoy Marta Quill, who has shuttled between the two delegations since January.", ["c-quill"]),
   ("More than 12,400 people have been killed in the fighting, according to the Rovenian health ministry.", ["c-killed12400"]),
   ("The proposal on the table would start with a six-week truce and the release of 80 detainees.", ["c-truce6","c-detainees80"]),
   ("National Security Council spokesman Ben Arlow told CNN that the sides were closer than they had ever been.", ["c-arlow-close"]),
  ]),
 dict(id="c2", source="Coastline Daily", published="2025-03-11", title="Envoy sees progress in Lisk talks on Rovenia truce",
  s=[
   ("White House national security adviser Ben Arlow said the two sides were as close as they have ever been to a deal.", ["c-arlow-close"]),
   ("UN envoy Marta Quill met both delegations in Lisk on Tuesday for a second day of talks.", ["c-quill","c-day2"]),
   ("\"The gaps are narrow and they can be closed,\" Quill told reporters after the meeting.", ["c-quote-gaps"]),
   ("Under the plan, a six-week truce would begin with the release of 80 detainees held by both sides.", ["c-truce6","c-detainees80"]),
   ("The Kesh Front has demanded that government troops withdraw from the town of Marrow before any truce.", ["c-marrow"]),
   ("The Rovenian health ministry says 12,750 people have been killed since the conflict began.", ["c-killed12750"]),
  ]),
 dict(id="c3", source="Eastbrook Times", published="2025-03-12", title="Kesh Front rejects Marrow compromise, talks stall",
  s=[
   ("Ceasefire talks in Lisk stalled on Wednesday after the Kesh Front rejected a compromise over the town of Marrow.", ["c-stall","c-reject"]),
   ("The rebels insist that government forces leave Marrow before a truce can begin.", ["c-marrow"]),
   ("Envoy Marta Quill said she would keep both delegations in the city for at least two more days.", ["c-quill-stay"]),
   ("\"We're closer than we've ever been, but the last steps are always the hardest,\" Quill said.", ["c-quote-last"]),
   ("The death toll in the conflict has passed 12,750, Rovenian health officials said.", ["c-killed12750"]),
  ]),
]

# Distractor: same actors (Marta Quill, Rovenia) different event: floods
FLOOD = [
 dict(id="f1", source="Northgate Herald", published="2025-03-11", title="Floods displace thousands in southern Rovenia",
  s=[
   ("Heavy rain caused the Sava river to burst its banks in southern Rovenia on Tuesday, forcing 9,000 people from their homes.", ["f-flood","f-displaced9000"]),
   ("The town of Ostel was cut off after the main bridge was washed away.", ["f-ostel"]),
   ("UN envoy Marta Quill, in the region for other talks, called for emergency aid for the flooded villages.", ["f-quill"]),
   ("Forecasters expect more rain until the weekend.", ["f-rain"]),
  ]),
 dict(id="f2", source="Harbor Wire", published="2025-03-12", title="Rovenia floods: army helicopters reach cut-off Ostel",
  s=[
   ("Army helicopters reached the flooded town of Ostel in southern Rovenia on Wednesday, dropping food and drinking water.", ["f-heli","f-ostel"]),
   ("About 9,000 people have been forced out of their homes by the Sava river floods.", ["f-displaced9000","f-flood"]),
   ("Two people drowned when their car was swept off a road near Ostel, police said.", ["f-drowned2"]),
   ("\"The water is still rising in the villages downstream,\" regional governor Anton Pell said.", ["f-quote-pell"]),
  ]),
]

BREACH = [
 dict(id="b1", source="Eastbrook Times", published="2025-03-14", title="Brightwave Telecom hit by data breach affecting 2.1 million customers",
  s=[
   ("Brightwave Telecom said on Friday that hackers had stolen the names, addresses and phone numbers of 2.1 million customers.", ["b-breach","b-affected21"]),
   ("The company said passwords and bank details were not taken.", ["b-nopw"]),
   ("Chief executive Lena Marsh apologised to customers in a video message.", ["b-apology"]),
   ("\"We let our customers down and we will make this right,\" Marsh said.", ["b-quote-right"]),
   ("The breach was discovered on Wednesday during a routine security check.", ["b-discovered"]),
  ]),
 dict(id="b2", source="Meridian Post", published="2025-03-15", title="Brightwave breach: regulator opens inquiry",
  s=[
   ("The national data protection regulator opened an inquiry on Saturday into the theft of customer data at Brightwave Telecom.", ["b-inquiry"]),
   ("Hackers took the personal details of 2.1 million people, the company disclosed on Friday.", ["b-affected21","b-breach"]),
   ("Regulator chair Tobias Wren said Brightwave could face a fine of up to 4 percent of its annual turnover.", ["b-fine4"]),
   ("Brightwave chief executive Lena Marsh has apologised and offered affected customers free credit monitoring for a year.", ["b-apology","b-monitor"]),
   ("Customers have been warned to watch for fraudulent calls and text messages.", ["b-warn-fraud"]),
  ]),
 dict(id="b3", source="Coastline Daily", published="2025-03-17", title="Brightwave breach larger than thought: 3.4 million affected",
  s=[
   ("Brightwave Telecom said on Monday that the data breach affected 3.4 million customers, far more than the 2.1 million it first reported.", ["b-affected34"]),
   ("The company said the hackers had also accessed dates of birth for about 800,000 of them.", ["b-dob800k"]),
   ("Chief executive Lena Marsh, who had apologised last week, said the first estimate had been based on incomplete logs.", ["b-logs"]),
   ("The data protection regulator, which opened an inquiry on Saturday, said it would widen its investigation.", ["b-widen"]),
   ("\"Customers deserve the full truth, and they deserve it quickly,\" regulator chair Tobias Wren said.", ["b-quote-truth"]),
  ]),
]

# Distractor: same actors (Brightwave, Lena Marsh) different event: quarterly results
EARN = [
 dict(id="e1", source="Harbor Wire", published="2025-03-14", title="Brightwave Telecom profit beats forecasts",
  s=[
   ("Brightwave Telecom reported a 14 percent rise in quarterly profit on Friday, beating analysts' forecasts.", ["e-profit14"]),
   ("Revenue grew to 3.2 billion crowns, helped by strong demand for fibre broadband.", ["e-revenue"]),
   ("Chief executive Lena Marsh said the company would invest 500 million crowns in rural networks next year.", ["e-invest"]),
   ("Shares in Brightwave rose 6 percent in early trading.", ["e-shares"]),
  ]),
 dict(id="e2", source="Northgate Herald", published="2025-03-15", title="Brightwave to expand rural fibre after strong quarter",
  s=[
   ("Brightwave Telecom will spend 500 million crowns bringing fibre broadband to rural areas, chief executive Lena Marsh said.", ["e-invest"]),
   ("The announcement came as the company posted a 14 percent jump in quarterly profit.", ["e-profit14"]),
   ("\"Every village deserves the same internet as the capital,\" Marsh said.", ["e-quote-village"]),
   ("The first 200 villages are to be connected by the end of the year.", ["e-villages200"]),
  ]),
]
