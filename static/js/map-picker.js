/*
 * Bawaba public portal: the location picker of the complaint form, on the vendored Leaflet.
 *
 * Without this script the form asks for an address (and offers latitude and longitude fields).
 * With it: a map centred on the commune; a click or tap puts the pin, which can be dragged; with
 * the keyboard, the arrow keys move the map and a button puts the pin at its centre. The pin
 * fills the latitude and longitude fields, which stay editable under "coordinates".
 * The zoom buttons and background tiles are set up as on every portal map (portal-map.js, loaded before).
 */
(function () {
    "use strict";

    function round(value) {
        return Math.round(value * 1e6) / 1e6;
    }

    function setUp(picker) {
        if (!window.L || !window.BawabaMap) {
            return;
        }
        var addZoomControl = window.BawabaMap.addZoomControl;
        var tileLayers = window.BawabaMap.tileLayers;
        var latField = document.getElementById(picker.dataset.latField);
        var longField = document.getElementById(picker.dataset.longField);
        var status = picker.querySelector(".map-picker__status");
        var canvas = picker.querySelector(".map-picker__canvas");
        if (!latField || !longField || !canvas) {
            return;
        }
        picker.hidden = false;
        var centre = [parseFloat(picker.dataset.centreLat) || 31.8, parseFloat(picker.dataset.centreLong) || -7.1];
        var map = window.L.map(canvas, {keyboard: true, scrollWheelZoom: false, zoomControl: false});
        addZoomControl(map, picker.dataset);
        map.setView(centre, parseInt(picker.dataset.zoom, 10) || 13);
        if (picker.dataset.tilesUrl) {
            tileLayers(picker).forEach(function (layer) {
                layer.addTo(map);
            });
        } else {
            canvas.classList.add("map__canvas--no-tiles");
        }
        var icon = window.L.icon({
            iconUrl: picker.dataset.markerIcon,
            iconRetinaUrl: picker.dataset.markerIcon2x,
            shadowUrl: picker.dataset.markerShadow,
            iconSize: [25, 41],
            iconAnchor: [12, 41],
            shadowSize: [41, 41]
        });
        var marker = null;

        function describe(latlng) {
            status.textContent = picker.dataset.placedMessage + " " + round(latlng.lat) + ", " + round(latlng.lng);
        }

        function place(latlng, moveMap) {
            latField.value = round(latlng.lat).toFixed(6);
            longField.value = round(latlng.lng).toFixed(6);
            if (marker === null) {
                marker = window.L.marker(latlng, {icon: icon, draggable: true, keyboard: false}).addTo(map);
                marker.on("dragend", function () {
                    place(marker.getLatLng(), false);
                });
            } else {
                marker.setLatLng(latlng);
            }
            if (moveMap) {
                map.panTo(latlng);
            }
            describe(latlng);
        }

        function clear() {
            if (marker !== null) {
                map.removeLayer(marker);
                marker = null;
            }
            latField.value = "";
            longField.value = "";
            status.textContent = picker.dataset.removedMessage;
        }

        map.on("click", function (event) {
            place(event.latlng, false);
        });
        picker.querySelector("[data-map-picker-centre]").addEventListener("click", function () {
            place(map.getCenter(), false);
        });
        picker.querySelector("[data-map-picker-clear]").addEventListener("click", clear);

        function fromFields() {
            var lat = parseFloat(latField.value);
            var lng = parseFloat(longField.value);
            if (!isNaN(lat) && !isNaN(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
                place(window.L.latLng(lat, lng), true);
            }
        }
        latField.addEventListener("change", fromFields);
        longField.addEventListener("change", fromFields);
        fromFields();
    }

    document.querySelectorAll("[data-map-picker]").forEach(setUp);
})();
