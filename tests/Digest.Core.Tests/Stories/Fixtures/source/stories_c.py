FIRE = [
 dict(id="w1", source="Coastline Daily", published="2025-03-20", title="Wildfire forces evacuations in Kestrel Valley",
  s=[
   ("A wildfire fanned by strong winds forced about 3,000 residents of the Kestrel Valley to leave their homes on Thursday.", ["w-fire","w-evac3000"]),
   ("The blaze has burned 1,800 hectares of pine forest since it started on Wednesday afternoon.", ["w-ha1800","w-start"]),
   ("Fire chief Anika Stroud said 250 firefighters and four water-bombing planes were fighting the flames.", ["w-crews250"]),
   ("\"The wind is pushing the fire towards the villages faster than we can build firebreaks,\" Stroud said.", ["w-quote-wind"]),
  ]),
 dict(id="w2", source="Eastbrook Times", published="2025-03-21", title="Kestrel Valley fire doubles in size overnight",
  s=[
   ("The Kestrel Valley wildfire more than doubled overnight and has now burned 4,100 hectares, fire officials said on Friday.", ["w-ha4100"]),
   ("Around 3,000 people have been evacuated from villages in the valley.", ["w-evac3000"]),
   ("Two firefighters were treated in hospital for smoke inhalation.", ["w-ff-hosp"]),
   ("Investigators believe the fire was started by sparks from a power line.", ["w-cause"]),
   ("Fire chief Anika Stroud said about 250 firefighters were on the fire lines, backed by water-bombing aircraft.", ["w-crews250"]),
  ]),
 dict(id="w3", source="Meridian Post", published="2025-03-23", title="Rain helps crews contain Kestrel Valley blaze",
  s=[
   ("Heavy rain on Sunday helped firefighters bring the Kestrel Valley wildfire under control after four days.", ["w-rain","w-contained"]),
   ("The fire burned 4,100 hectares of forest and destroyed 17 homes, officials said.", ["w-ha4100","w-homes17"]),
   ("Evacuated residents will be allowed to return on Monday, fire chief Anika Stroud said.", ["w-return"]),
   ("Prosecutors have opened an investigation into whether the power line that sparked the fire was properly maintained.", ["w-probe","w-cause"]),
  ]),
]

SINGLES = [
 dict(id="s1", source="Northgate Herald", published="2025-03-05", title="Velmora orchestra wins national prize",
  s=[
   ("The Velmora Philharmonic won the national orchestra prize in Brask on Wednesday for its recording of folk symphonies.", ["s1"]),
   ("Conductor Emil Hart dedicated the award to the victims of this week's earthquake.", ["s1b"]),
  ]),
 dict(id="s2", source="Harbor Wire", published="2025-03-12", title="Lisk airport reopens after runway repairs",
  s=[
   ("The airport in Lisk reopened on Wednesday after three weeks of runway repairs.", ["s2"]),
   ("Airlines said full schedules would resume by the end of the month.", ["s2b"]),
  ]),
]

REFS = {
 "QUAKE": "A magnitude 6.8 earthquake struck Velmora in northern Carsolia before dawn on Monday, collapsing apartment blocks in the old quarter. The death toll rose from 31 to 48 and then 62 when rescuers ended the search on Wednesday. A seven-year-old girl was pulled alive after nearly 20 hours. About 1,500 people are homeless in tents in freezing cold, and Prime Minister Ilse Varga pledged 400 million crowns for reconstruction.",
 "ORLOV": "Interior Minister Dana Orlov presented a plan to merge Carsolia's regional police forces into one national service, cutting police districts from 14 to 6 and creating an anti-corruption unit. Opposition leader Henrik Sall called it a power grab and vowed to vote against it. Police unions protested on Thursday, warning that thousands of officers could be forced to move. Parliament is to debate the bill next month.",
 "STRIKE": "Dockworkers at the port of Aldmere went on strike on Monday, demanding a 12 percent pay rise against an offer of 5 percent from Aldmere Terminals. Dozens of ships queued offshore and retailers warned of shortages. The government appointed former judge Renata Kowal as mediator, and on Friday the 4,200 workers accepted a 9 percent rise over two years, ending the five-day strike. Clearing the backlog will take about ten days.",
 "CEASE": "Rovenian government and Kesh Front negotiators resumed indirect ceasefire talks in Lisk mediated by UN envoy Marta Quill. The plan offers a six-week truce and the release of 80 detainees. US official Ben Arlow said the sides were closer than ever, but talks stalled when the rebels rejected a compromise over the town of Marrow. More than 12,750 people have been killed in the conflict.",
 "FLOOD": "The Sava river burst its banks in southern Rovenia, forcing about 9,000 people from their homes and cutting off the town of Ostel after its bridge was washed away. UN envoy Marta Quill called for emergency aid. Army helicopters dropped food and water to Ostel, two people drowned near the town, and the governor warned that water was still rising downstream.",
 "BREACH": "Brightwave Telecom said hackers stole names, addresses and phone numbers of its customers, first reported as 2.1 million and later revised to 3.4 million, including dates of birth for about 800,000. Chief executive Lena Marsh apologised and offered free credit monitoring. The data protection regulator opened an inquiry, warned of a fine of up to 4 percent of turnover and said it would widen its investigation.",
 "EARN": "Brightwave Telecom reported a 14 percent rise in quarterly profit, beating forecasts, with revenue of 3.2 billion crowns driven by fibre broadband demand. Its shares rose 6 percent. Chief executive Lena Marsh said the company would invest 500 million crowns to bring fibre to rural areas, connecting the first 200 villages by the end of the year.",
 "FIRE": "A wind-driven wildfire in the Kestrel Valley forced about 3,000 residents to evacuate and grew from 1,800 to 4,100 hectares overnight. Fire chief Anika Stroud led 250 firefighters and water-bombing planes. Rain helped crews contain the fire on Sunday after four days; it destroyed 17 homes. Investigators believe a power line sparked it, and prosecutors are examining its maintenance.",
}
